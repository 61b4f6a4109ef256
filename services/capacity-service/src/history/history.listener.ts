/** Keeps `scope_history` inside the projection's transaction, so history commits and replays with it. */
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AppliedBatch, ProjectionListener } from '../projection/projection-listeners';
import { HistoryRepository } from './history.repository';
import { scopeChanges } from './scope-changes';

@Injectable()
export class HistoryListener implements ProjectionListener {
  readonly name = 'history';

  constructor(@Inject(HistoryRepository) private readonly repository: HistoryRepository) {}

  async onApplied(manager: EntityManager, batch: AppliedBatch): Promise<void> {
    await this.repository.append(manager, scopeChanges(batch));
  }
}
