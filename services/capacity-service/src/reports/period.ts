/**
 * Periods and steps of the read-side reports (history, utilisation, indicators): parsing `from`/`to`,
 * the limits, and step boundaries on the Oslo calendar.
 */
import { INSTANT_FORMAT, INSTANT_PATTERN, type Step } from '@plass/contracts';
import { DAY_MS, fromWallClockMs, REPORT_TIME_ZONE, wallClockMs, zonedDayStart } from '@plass/domain';
import { problem } from '@plass/observability';

export interface Period {
  /** Inclusive start, ms since the epoch. */
  from: number;
  /** Exclusive end, ms since the epoch. */
  to: number;
}

export function invalidQuery(detail: string) {
  return problem(400, 'Invalid query', detail, { code: 'INVALID_QUERY' });
}

export function parseInstant(value: string, name: string): number {
  if (!INSTANT_PATTERN.test(value)) throw invalidQuery(`${name} must be ${INSTANT_FORMAT}`);
  try {
    const instant = value.length === 10 ? zonedDayStart(value) : Date.parse(value);
    if (Number.isNaN(instant)) throw new Error('invalid');
    return instant;
  } catch {
    throw invalidQuery(`${name} is not a real date: ${value}`);
  }
}

/** Parses and checks a period: from before to, and at most `maxDays` long. */
export function parsePeriod(fromValue: string, toValue: string, maxDays: number, why: string): Period {
  const from = parseInstant(fromValue, 'from');
  const to = parseInstant(toValue, 'to');
  if (from >= to) throw invalidQuery(`from (${fromValue}) must be before to (${toValue})`);
  // One hour of slack: a period of whole Oslo days may be an hour longer across a DST change.
  if (to - from > maxDays * DAY_MS + 3_600_000) {
    throw invalidQuery(`${why} covers at most ${maxDays} days; ${fromValue} to ${toValue} is longer`);
  }
  return { from, to };
}

/** The steps of a series: hours, or Oslo calendar days counted from `from` (23 or 25 hours at DST). */
export function stepsOf(period: Period, step: Step): { start: number; end: number }[] {
  const steps: { start: number; end: number }[] = [];
  const wallFrom = wallClockMs(period.from, REPORT_TIME_ZONE);
  for (let i = 0, start = period.from; start < period.to; i++) {
    const next =
      step === 'hour' ? period.from + (i + 1) * 3_600_000 : fromWallClockMs(wallFrom + (i + 1) * DAY_MS);
    const end = Math.min(next, period.to);
    if (end <= start) break;
    steps.push({ start, end });
    start = end;
  }
  return steps;
}

/** Limits of a series: 366 points by day, 31 days (744 points) by hour. */
export const MAX_SERIES_DAYS: Record<Step, number> = { day: 366, hour: 31 };
