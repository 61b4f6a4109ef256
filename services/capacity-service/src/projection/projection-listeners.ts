/**
 * Extension point of the projection: features (alerts, history, statistics) register a listener that
 * runs inside the batch's transaction, after the read model changed, so their writes commit (or roll
 * back) together with it and are replayed with it.
 */
import { Injectable } from '@nestjs/common';
import type { CapacityChangedData, UnitOccupancyChangedEvent } from '@plass/contracts';
import type { EntityManager } from 'typeorm';
import type { UnitState } from './project';

export interface AppliedBatch {
  /** The events that were newer than the stored state, in order. */
  events: UnitOccupancyChangedEvent[];
  /** Unit states before the batch (only units the batch touched that existed). */
  before: ReadonlyMap<string, UnitState>;
  /** Unit states after the batch, for every unit that changed. */
  after: UnitState[];
  /** The new totals of every scope that changed. */
  scopes: CapacityChangedData[];
}

export interface ProjectionListener {
  readonly name: string;
  onApplied(manager: EntityManager, batch: AppliedBatch): Promise<void>;
}

@Injectable()
export class ProjectionListeners {
  private readonly listeners: ProjectionListener[] = [];

  register(listener: ProjectionListener): void {
    this.listeners.push(listener);
  }

  async run(manager: EntityManager, batch: AppliedBatch): Promise<void> {
    for (const listener of this.listeners) await listener.onApplied(manager, batch);
  }
}
