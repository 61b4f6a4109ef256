/**
 * The steps of the projection after the read model: each runs inside the batch's transaction, after the
 * read model changed, so its writes commit (or roll back) together with it and are replayed with it.
 * Their order is one list, `PROJECTION_LISTENERS`, provided in the app module:
 * read model → history → stays → alerts, then the snapshot cache after the commit.
 */
import type { CapacityChangedData, UnitOccupancyChangedEvent } from '@plass/contracts';
import type { EntityManager } from 'typeorm';
import type { UnitState } from './project';
import type { TraceOfScope } from './scope-traces';

export interface AppliedBatch {
  /** The events that were newer than the stored state, in order. */
  events: UnitOccupancyChangedEvent[];
  /** Unit states before the batch (only units the batch touched that existed). */
  before: ReadonlyMap<string, UnitState>;
  /** Unit states after the batch, for every unit that changed. */
  after: UnitState[];
  /** The new totals of every scope that changed. */
  scopes: CapacityChangedData[];
  /** Which trace a scope's outputs continue when the batch mixes traces; unset: the batch span's. */
  traceOf?: TraceOfScope;
}

export interface ProjectionListener {
  readonly name: string;
  onApplied(manager: EntityManager, batch: AppliedBatch): Promise<void>;
}

/** The ordered `ProjectionListener[]` the projection runs after the read model (see app.module). */
export const PROJECTION_LISTENERS = Symbol('PROJECTION_LISTENERS');
