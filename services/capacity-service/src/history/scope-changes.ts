/**
 * Splits an applied batch into one change per event and scope, at the time the event took effect
 * (ADR 0215: `effectiveAt`, or the event's time). The projection adds up a whole batch; history keeps
 * each event's own share so that a scope's state at any instant is the sum of the changes that took
 * effect up to then, however the events were batched, in which order the partitions were consumed
 * (ADR 0050), or how late a change was recorded. A correction moves its change's effect (ADR 0216).
 */
import type { UnitOccupancyChangedEvent } from '@plass/contracts';
import { correctableEffect, isZeroCounts, type PlaceCounts } from '@plass/domain';
import { freeCounts, project, scopesOf, type FreeCounts, type UnitState } from '../projection/project';
import type { AppliedBatch } from '../projection/projection-listeners';

export interface ScopeChange {
  scopeKey: string;
  unitId: string;
  sequence: number;
  /** When the change took effect: `effectiveAt`, or the event's time (a correction's first change: its old time). */
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
        at: instant(event.data.change.effectiveAt ?? event.time),
        version: versions.get(key) ?? null,
        delta,
      });
    }
    for (const after of projection.states) states.set(after.unitId, after);
    const state = states.get(event.subject);
    if (state && projection.applied.length > 0) {
      for (const moved of correctionChanges(event, state, versions)) {
        // One row per key (scope, time, unit, sequence): a correction that also changed counts adds up.
        const same = changes.find(
          (c) => c.scopeKey === moved.scopeKey && c.at === moved.at && c.sequence === moved.sequence,
        );
        if (!same) changes.push(moved);
        else same.delta = sumDeltas(same.delta, moved.delta);
      }
    }
  }
  return changes;
}

function sumDeltas(a: ScopeChange['delta'], b: ScopeChange['delta']): ScopeChange['delta'] {
  return {
    capacity: a.capacity + b.capacity,
    occupied: a.occupied + b.occupied,
    blocked: a.blocked + b.blocked,
    reserved: a.reserved + b.reserved,
    free: a.free + b.free,
    overCapacity: a.overCapacity + b.overCapacity,
  };
}

/** One form of an instant (the contract allows any offset), so that equal instants make equal keys. */
const instant = (iso: string) => new Date(iso).toISOString();

/**
 * A correction's two changes per scope of its unit (ADR 0216): the original change's effect taken back
 * at `previousEffectiveAt` and made again at `effectiveAt`. Its counts and free places are exact now and
 * after both instants; between them the free places and overcapacity are estimated against the unit's
 * present counts (its counts then are not kept), as with every backdated change (ADR 0215).
 */
function correctionChanges(
  event: UnitOccupancyChangedEvent,
  state: UnitState,
  versions: ReadonlyMap<string, number>,
): ScopeChange[] {
  const { change } = event.data;
  if (change.kind !== 'corrected' || !change.correction || !change.effectiveAt) return [];
  const from = instant(change.correction.previousEffectiveAt);
  const to = instant(change.effectiveAt);
  if (from === to) return [];
  const effect = correctableEffect(change.correction.of, change.places ?? 0);
  const without = {
    capacity: state.capacity,
    occupied: state.occupied - effect.occupied,
    blocked: state.blocked - effect.blocked,
    reserved: state.reserved,
  };
  const freeWith = freeCounts(state);
  const freeWithout = freeCounts(without);
  const delta = {
    capacity: 0,
    occupied: effect.occupied,
    blocked: effect.blocked,
    reserved: 0,
    free: freeWith.free - freeWithout.free,
    overCapacity: freeWith.overCapacity - freeWithout.overCapacity,
  };
  if (delta.occupied === 0 && delta.blocked === 0) return [];
  // 0 − x rather than −x: no −0 in the rows.
  const negated = {
    capacity: 0,
    occupied: 0 - delta.occupied,
    blocked: 0 - delta.blocked,
    reserved: 0,
    free: 0 - delta.free,
    overCapacity: 0 - delta.overCapacity,
  };
  return scopesOf(state).flatMap(({ key }) => [
    {
      scopeKey: key,
      unitId: event.subject,
      sequence: event.sequence,
      at: from,
      version: versions.get(key) ?? null,
      delta: negated,
    },
    {
      scopeKey: key,
      unitId: event.subject,
      sequence: event.sequence,
      at: to,
      version: versions.get(key) ?? null,
      delta,
    },
  ]);
}
