/**
 * Splits an applied batch into one change per event and scope, at the event's time. The projection
 * adds up a whole batch; history keeps each event's own share so that a scope's state at any instant
 * is the sum of the changes up to then, however the events were batched or in which order the
 * partitions were consumed (ADR 0050).
 */
import { isZeroCounts, type PlaceCounts } from '@plass/domain';
import { project, type FreeCounts, type UnitState } from '../projection/project';
import type { AppliedBatch } from '../projection/projection-listeners';

export interface ScopeChange {
  scopeKey: string;
  unitId: string;
  sequence: number;
  /** The event's time: when the change happened at the source. */
  at: string;
  /** The version that published it; null when the batch's changes to the scope cancelled out. */
  version: number | null;
  /** The summed counts' change, and the change of the free places and overcapacity per unit (ADR 0192). */
  delta: PlaceCounts & FreeCounts;
}

export function scopeChanges(batch: Pick<AppliedBatch, 'events' | 'before' | 'scopes'>): ScopeChange[] {
  const versions = new Map(batch.scopes.map((s) => [s.key, s.version]));
  const states = new Map<string, UnitState>(batch.before);
  const changes: ScopeChange[] = [];
  for (const event of batch.events) {
    const before = states.get(event.subject);
    // One event against its unit's state alone: the same rule and maths as the batch's projection.
    const projection = project(new Map(before ? [[event.subject, before]] : []), [event]);
    for (const { key, delta } of projection.deltas) {
      if (isZeroCounts(delta) && delta.free === 0 && delta.overCapacity === 0) continue;
      changes.push({
        scopeKey: key,
        unitId: event.subject,
        sequence: event.sequence,
        at: event.time,
        version: versions.get(key) ?? null,
        delta,
      });
    }
    for (const after of projection.states) states.set(after.unitId, after);
  }
  return changes;
}
