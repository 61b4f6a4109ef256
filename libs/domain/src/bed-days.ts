/**
 * Bed-day (døgn) maths for utilisation reports: integrates a unit's piecewise-constant place counts
 * over a period on the Oslo calendar, and the calendar helpers the reports need.
 *
 * A bed-day is one place for one calendar day. Days are counted on the wall clock of the reporting
 * time zone, so every calendar day counts as exactly one day, the 23- and 25-hour days of the
 * daylight-saving changes included: 101 places over 2024 are 101 × 366 = 36,966 possible bed-days.
 */

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
