/** Keeps `scope_history` inside the projection's transaction, so history commits and replays with it. */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ProjectionListeners,
  type AppliedBatch,
  type ProjectionListener,
} from '../projection/projection-listeners';
import { HistoryRepository } from './history.repository';
import { scopeChanges } from './scope-changes';

@Injectable()
export class HistoryListener implements ProjectionListener, OnModuleInit {
  readonly name = 'history';

  constructor(
    @Inject(ProjectionListeners) private readonly listeners: ProjectionListeners,
    @Inject(HistoryRepository) private readonly repository: HistoryRepository,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async onApplied(manager: EntityManager, batch: AppliedBatch): Promise<void> {
    await this.repository.append(manager, scopeChanges(batch));
  }
}
