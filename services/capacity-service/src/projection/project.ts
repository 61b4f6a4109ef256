/**
 * The pure heart of the read model: applies unit events to unit states by the per-unit sequence rule
 * (an event is applied only if its sequence is newer than the state's) and returns how every scope's
 * totals change. Events carry resulting state, so a skipped intermediate event never leaves drift.
 */
import type { ChangeKind, UnitOccupancyChangedEvent } from '@plass/contracts';
import {
  districtName,
  isZeroCounts,
  scopeKey,
  SERVICE_CATEGORIES,
  ZERO_COUNTS,
  type DistrictCode,
  type PlaceCounts,
  type ProviderType,
  type Scope,
  type ServiceCategoryCode,
  type UnitFeature,
} from '@plass/domain';

export interface UnitState extends PlaceCounts {
  unitId: string;
  unitName: string;
  institutionId: string;
  institutionName: string;
  category: ServiceCategoryCode;
  providerType: ProviderType;
  districtCode: DistrictCode;
  /** In the order of the needs list, as the event carried them (ADR 0154). */
  features: UnitFeature[];
  closed: boolean;
  sequence: number;
  lastChangeKind: ChangeKind;
  lastChangeAt: string;
}

export interface ScopeRef {
  key: string;
  scope: Scope;
  id: string | null;
  name: string;
}

/**
 * Free places and overcapacity, each summed per unit (ADR 0171): a unit over capacity adds to
 * `overCapacity` and never takes free places from the other units of its scopes.
 */
export interface FreeCounts {
  readonly free: number;
  readonly overCapacity: number;
}

export interface ScopeDelta extends ScopeRef {
  delta: PlaceCounts & FreeCounts;
}

export interface Projection {
  /** New states of the units that changed. */
  states: UnitState[];
  /** Per scope, what to add to its totals; the unit's own scope is always present when it changed. */
  deltas: ScopeDelta[];
  applied: UnitOccupancyChangedEvent[];
  skipped: UnitOccupancyChangedEvent[];
}

const PROVIDER_NAMES: Record<ProviderType, string> = {
  municipal: 'Kommunal (egenregi)',
  nonprofit: 'Ideell',
  private: 'Kommersiell',
};

export function scopesOf(state: UnitState): ScopeRef[] {
  const category = SERVICE_CATEGORIES.find((c) => c.code === state.category);
  return [
    { key: scopeKey('unit', state.unitId), scope: 'unit', id: state.unitId, name: state.unitName },
    {
      key: scopeKey('institution', state.institutionId),
      scope: 'institution',
      id: state.institutionId,
      name: state.institutionName,
    },
    {
      key: scopeKey('category', state.category),
      scope: 'category',
      id: state.category,
      name: category?.name ?? state.category,
    },
    {
      key: scopeKey('district', state.districtCode),
      scope: 'district',
      id: state.districtCode,
      name: districtName(state.districtCode),
    },
    {
      key: scopeKey('provider-type', state.providerType),
      scope: 'provider-type',
      id: state.providerType,
      name: PROVIDER_NAMES[state.providerType],
    },
    { key: 'city', scope: 'city', id: null, name: 'Oslo' },
  ];
}

/** What a unit adds to its scopes' totals: nothing once it is closed. */
export function contribution(state: UnitState | undefined): PlaceCounts {
  if (!state || state.closed) return ZERO_COUNTS;
  return {
    capacity: state.capacity,
    occupied: state.occupied,
    blocked: state.blocked,
    reserved: state.reserved,
  };
}

/** A unit's free places and overcapacity: max(0, available) and max(0, −available); none once closed. */
export function freeCounts(counts: PlaceCounts): FreeCounts {
  const available = counts.capacity - counts.occupied - counts.blocked - counts.reserved;
  return { free: Math.max(0, available), overCapacity: Math.max(0, -available) };
}

/**
 * The unit's state after the event. An event without `features` was written before units had any, or by
 * an instance not yet upgraded: the unit keeps the features it had (none for a unit seen first now).
 */
export function stateFromEvent(event: UnitOccupancyChangedEvent, before?: UnitState): UnitState {
  const d = event.data;
  return {
    unitId: d.unitId,
    unitName: d.unitName,
    institutionId: d.institutionId,
    institutionName: d.institutionName,
    category: d.category,
    providerType: d.providerType,
    districtCode: d.districtCode,
    features: d.features ?? before?.features ?? [],
    capacity: d.capacity,
    occupied: d.occupied,
    blocked: d.blocked,
    reserved: d.reserved,
    closed: d.closed,
    sequence: event.sequence,
    lastChangeKind: d.change.kind,
    lastChangeAt: event.time,
  };
}

export function project(
  current: ReadonlyMap<string, UnitState>,
  events: UnitOccupancyChangedEvent[],
): Projection {
  const states = new Map(current);
  const changed = new Set<string>();
  // Sums in place: twelve calls an event, so new objects each time were most of a drain's garbage.
  const deltas = new Map<
    string,
    ScopeRef & { delta: { -readonly [K in keyof (PlaceCounts & FreeCounts)]: number } }
  >();
  const applied: UnitOccupancyChangedEvent[] = [];
  const skipped: UnitOccupancyChangedEvent[] = [];
  // Scopes whose name changed (a rename): their totals may stay the same, their name must not.
  const renamed = new Set<string>();

  const add = (ref: ScopeRef, counts: PlaceCounts & FreeCounts, sign: 1 | -1) => {
    let entry = deltas.get(ref.key);
    if (!entry) {
      entry = {
        ...ref,
        delta: { capacity: 0, occupied: 0, blocked: 0, reserved: 0, free: 0, overCapacity: 0 },
      };
      deltas.set(ref.key, entry);
    }
    entry.delta.capacity += sign * counts.capacity;
    entry.delta.occupied += sign * counts.occupied;
    entry.delta.blocked += sign * counts.blocked;
    entry.delta.reserved += sign * counts.reserved;
    entry.delta.free += sign * counts.free;
    entry.delta.overCapacity += sign * counts.overCapacity;
    entry.name = ref.name;
  };
  const counted = (state: UnitState | undefined): PlaceCounts & FreeCounts => {
    const counts = contribution(state);
    return { ...counts, ...freeCounts(counts) };
  };

  for (const event of events) {
    const before = states.get(event.subject);
    if (before && before.sequence >= event.sequence) {
      skipped.push(event);
      continue;
    }
    const after = stateFromEvent(event, before);
    const beforeRefs = before ? scopesOf(before) : [];
    const beforeCounts = counted(before);
    const afterCounts = counted(after);
    for (const ref of beforeRefs) add(ref, beforeCounts, -1);
    for (const ref of scopesOf(after)) {
      add(ref, afterCounts, 1);
      if (beforeRefs.some((b) => b.key === ref.key && b.name !== ref.name)) renamed.add(ref.key);
    }
    states.set(after.unitId, after);
    changed.add(after.unitId);
    applied.push(event);
  }

  return {
    states: [...changed].map((id) => states.get(id)!),
    deltas: [...deltas.values()].filter(
      (d) =>
        d.scope === 'unit' ||
        renamed.has(d.key) ||
        !isZeroCounts(d.delta) ||
        d.delta.free !== 0 ||
        d.delta.overCapacity !== 0,
    ),
    applied,
    skipped,
  };
}
