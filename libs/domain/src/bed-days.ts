/**
 * Bed-day (døgn) maths for utilisation reports: integrates a unit's piecewise-constant place counts
 * over a period on the Oslo calendar, and the calendar helpers the reports need.
 *
 * A bed-day is one place for one calendar day. Days are counted on the wall clock of the reporting
 * time zone, so every calendar day counts as exactly one day, the 23- and 25-hour days of the
 * daylight-saving changes included: 101 places over 2024 are 101 × 366 = 36,966 possible bed-days.
 */
import type { CorrectableChange } from './categories';

export const REPORT_TIME_ZONE = 'Europe/Oslo';
export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The zone's offset from UTC at an instant, in milliseconds (Oslo: one hour in winter, two in summer).
 * Cached per UTC hour: the zones we report in change offset only on whole UTC hours.
 */
export function zoneOffsetMs(instant: number, timeZone = REPORT_TIME_ZONE): number {
  const hourStart = Math.floor(instant / HOUR_MS) * HOUR_MS;
  const key = `${timeZone}@${hourStart}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(hourStart))
      .map((p) => [p.type, Number(p.value)]),
  );
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const offset = wall - hourStart;
  if (offsets.size > 100_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** The zone's wall-clock reading at an instant, as milliseconds on a UTC time line. */
export function wallClockMs(instant: number, timeZone = REPORT_TIME_ZONE): number {
  return instant + zoneOffsetMs(instant, timeZone);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant at which the zone's wall clock shows `wall` (the later one in the repeated autumn hour). */
export function fromWallClockMs(wall: number, timeZone = REPORT_TIME_ZONE): number {
  // The offset at the first guess may differ from the offset at the answer across a DST change.
  const guess = wall - zoneOffsetMs(wall, timeZone);
  return wall - zoneOffsetMs(guess, timeZone);
}

/** The instant the calendar day `date` (YYYY-MM-DD) begins in the zone (local midnight). */
export function zonedDayStart(date: string, timeZone = REPORT_TIME_ZONE): number {
  const m = DATE.exec(date);
  const wall = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || new Date(wall).toISOString().slice(0, 10) !== date) {
    throw new Error(`not a date (YYYY-MM-DD): ${date}`);
  }
  return fromWallClockMs(wall, timeZone);
}

/** The calendar date (YYYY-MM-DD) of an instant in the zone. */
export function zonedDate(instant: number, timeZone = REPORT_TIME_ZONE): string {
  return new Date(wallClockMs(instant, timeZone)).toISOString().slice(0, 10);
}

/** `date` (YYYY-MM-DD) plus `days` calendar days. */
export function addCalendarDays(date: string, days: number): string {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date (YYYY-MM-DD): ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days)).toISOString().slice(0, 10);
}

/** A unit's place counts from `at` until its next state. */
export interface UnitStateAt {
  /** When the state began (ms since the epoch). */
  at: number;
  capacity: number;
  occupied: number;
  blocked: number;
  /** A closed unit offers, uses and blocks nothing. */
  closed: boolean;
}

/**
 * Place-time in place-milliseconds of wall-clock time, kept as exact integers so that sums over a
 * whole city and many years never round: `possible` = ∫ capacity, `used` = ∫ occupied,
 * `blocked` = ∫ blocked.
 */
export interface PlaceTime {
  readonly possible: bigint;
  readonly used: bigint;
  readonly blocked: bigint;
}

export const ZERO_PLACE_TIME: PlaceTime = { possible: 0n, used: 0n, blocked: 0n };

export function addPlaceTime(a: PlaceTime, b: PlaceTime): PlaceTime {
  return { possible: a.possible + b.possible, used: a.used + b.used, blocked: a.blocked + b.blocked };
}

/**
 * What each of a unit's states contributes over [from, to). `states` are the unit's states in
 * sequence order; each holds until the next one begins, the last one until `to`. A state that began
 * before `from` (the one the unit was in when the period began) counts from `from`.
 */
export function integrateUnitStates<S extends UnitStateAt>(
  states: readonly S[],
  from: number,
  to: number,
  timeZone = REPORT_TIME_ZONE,
): { state: S; time: PlaceTime }[] {
  const result: { state: S; time: PlaceTime }[] = [];
  for (let i = 0; i < states.length; i++) {
    const state = states[i];
    const begins = Math.max(state.at, from);
    const ends = Math.min(states[i + 1]?.at ?? to, to);
    if (state.closed || ends <= begins) continue;
    // Clipped on the instant line, measured on the wall clock: a unit's segments then always add up
    // to the period's calendar length (a segment inside the repeated autumn hour may be negative).
    const start = wallClockMs(begins, timeZone);
    const end = wallClockMs(ends, timeZone);
    if (end === start) continue;
    const ms = BigInt(end - start);
    result.push({
      state,
      time: {
        possible: BigInt(state.capacity) * ms,
        used: BigInt(state.occupied) * ms,
        blocked: BigInt(state.blocked) * ms,
      },
    });
  }
  return result;
}

/** The change of the counts an admission, discharge, block or its lifting made: what a correction moves. */
export function correctableEffect(
  of: CorrectableChange,
  places = 0,
): { readonly occupied: number; readonly blocked: number } {
  switch (of) {
    case 'admission':
      return { occupied: 1, blocked: 0 };
    case 'discharge':
      return { occupied: -1, blocked: 0 };
    case 'block':
      return { occupied: 0, blocked: places };
    case 'unblock':
      return { occupied: 0, blocked: -places };
  }
}

/**
 * One of a unit's events as the report reads it: the state after it (by sequence) and when it took
 * effect (`at`: `effectiveAt`, or the event's time). `moved` only on a correction (ADR 0216): its
 * counts are those before it, and the original change's effect moves from `previousAt` to `at`.
 */
export interface UnitChangeAt extends UnitStateAt {
  sequence: number;
  moved?: { previousAt: number; occupied: number; blocked: number };
}

const contributionOf = (s: UnitStateAt | undefined) =>
  !s || s.closed ? { capacity: 0, occupied: 0, blocked: 0 } : s;

/**
 * A change of what a unit counts for, at its effective time (ADR 0215). `fields`: the event whose other
 * fields (closed, names, groups) hold from then on; none for a correction's moved effect (ADR 0216).
 */
export interface EffectiveDelta<S> {
  at: number;
  sequence: number;
  capacity: number;
  occupied: number;
  blocked: number;
  fields?: S;
}

/**
 * A unit's events (in sequence order) as deltas on the effective time line: each event's state minus
 * the state before it by sequence (what the unit counts for: nothing while closed) at its effective time;
 * a correction's moved effect taken back at its old time and made again at its new one. The same deltas
 * as the unit's own rows of the scope history (`scope_history`, scope `unit:<id>`).
 */
export function effectiveDeltas<S extends UnitChangeAt>(changes: readonly S[]): EffectiveDelta<S>[] {
  const deltas: EffectiveDelta<S>[] = [];
  let before: S | undefined;
  for (const change of changes) {
    const after = contributionOf(change);
    const prior = contributionOf(before);
    const moved = change.moved;
    if (moved && moved.previousAt !== change.at) {
      deltas.push({
        at: moved.previousAt,
        sequence: change.sequence,
        capacity: 0,
        occupied: 0 - moved.occupied,
        blocked: 0 - moved.blocked,
      });
    }
    deltas.push({
      at: change.at,
      sequence: change.sequence,
      capacity: after.capacity - prior.capacity,
      occupied: after.occupied - prior.occupied + (moved ? moved.occupied : 0),
      blocked: after.blocked - prior.blocked + (moved ? moved.blocked : 0),
      // A correction changes no other field: its states keep those of the state they follow.
      ...(moved ? {} : { fields: change }),
    });
    before = change;
  }
  return deltas;
}

/**
 * Sums a unit's deltas into its states on the effective time line (ADR 0215), for `integrateUnitStates`:
 * in effective-time order, ties by sequence, from `start` (its state when the deltas begin, if any). A
 * state carries the counts summed so far and the other fields of the last delta that had any.
 */
export function statesFromDeltas<S extends UnitStateAt>(
  deltas: readonly EffectiveDelta<S>[],
  start?: S,
): S[] {
  const sorted = [...deltas].sort((a, b) => a.at - b.at || a.sequence - b.sequence);
  const states: S[] = start ? [start] : [];
  let counts = start
    ? { capacity: start.capacity, occupied: start.occupied, blocked: start.blocked }
    : { capacity: 0, occupied: 0, blocked: 0 };
  let fields = start;
  for (const delta of sorted) {
    counts = {
      capacity: counts.capacity + delta.capacity,
      occupied: counts.occupied + delta.occupied,
      blocked: counts.blocked + delta.blocked,
    };
    fields = delta.fields ?? fields ?? sorted.find((d) => d.fields)?.fields;
    if (!fields) continue;
    if (states.length > 0 && states[states.length - 1].at === delta.at) states.pop();
    states.push({ ...fields, at: delta.at, ...counts });
  }
  return states;
}

/**
 * A unit's states on the effective time line (ADR 0215) from its events in sequence order: each event's
 * change applied at its effective time, corrections moving theirs (ADR 0216). For events in effective
 * order this gives back the events' own states, so events without `effectiveAt` integrate as before.
 */
export function statesByEffectiveTime<S extends UnitChangeAt>(changes: readonly S[]): S[] {
  return statesFromDeltas(effectiveDeltas(changes));
}

/** A period's utilisation in bed-days (rounded to hundredths) and its occupancy rate. */
export interface Utilization {
  /** ∫ capacity dt of open units. */
  possibleBedDays: number;
  /** ∫ occupied dt. */
  usedBedDays: number;
  /** ∫ blocked dt: places out of use (safety, maintenance, staffing). */
  blockedBedDays: number;
  /** possible − used − blocked: usable places left empty (negative under overcapacity). */
  unusedBedDays: number;
  /** used / (possible − blocked); null when no place was usable. */
  occupancyRate: number | null;
}

const DAY = BigInt(DAY_MS);

/** Place-milliseconds to bed-days, rounded half away from zero to hundredths. */
function toBedDays(placeMs: bigint): number {
  const hundredths = placeMs * 100n;
  const sign = hundredths < 0n ? -1n : 1n;
  const rounded = (sign * hundredths + DAY / 2n) / DAY;
  return Number(sign * rounded) / 100;
}

export function utilization(t: PlaceTime): Utilization {
  const usable = t.possible - t.blocked;
  return {
    possibleBedDays: toBedDays(t.possible),
    usedBedDays: toBedDays(t.used),
    blockedBedDays: toBedDays(t.blocked),
    unusedBedDays: toBedDays(t.possible - t.used - t.blocked),
    occupancyRate: usable > 0n ? Number(t.used) / Number(usable) : null,
  };
}
