/** Dates and times in requests: Oslo's calendar day, and instants that must lie within a window ahead. */
import { InstitutionException } from '../institution.exception';

const DAY_MS = 86_400_000;

/** Today's date in Oslo, `YYYY-MM-DD` (the calendar the staff work by, whatever the server's zone). */
export function osloToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(now);
}

/** Adds days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A planned date from today (Oslo) up to `maxDays` ahead; anything else is a 400 saying why. */
export function requireDateAhead(field: string, date: string, maxDays: number, now = new Date()): string {
  const today = osloToday(now);
  if (date < today) {
    throw new InstitutionException('INVALID_VALUE', `${field} ${date} is in the past; today is ${today}`);
  }
  const latest = addDays(today, maxDays);
  if (date > latest) {
    throw new InstitutionException(
      'INVALID_VALUE',
      `${field} ${date} is too far ahead; the latest accepted is ${latest} (${maxDays} days)`,
    );
  }
  return date;
}

/** An instant after now and at most `maxDays` ahead; anything else is a 400 saying why. */
export function requireInstantAhead(field: string, value: string, maxDays: number, now = new Date()): Date {
  const instant = new Date(value);
  if (instant.getTime() <= now.getTime()) {
    throw new InstitutionException(
      'INVALID_VALUE',
      `${field} ${value} is not in the future (now is ${now.toISOString()})`,
    );
  }
  if (instant.getTime() > now.getTime() + maxDays * DAY_MS) {
    throw new InstitutionException(
      'INVALID_VALUE',
      `${field} ${value} is more than ${maxDays} days ahead; choose an earlier time`,
    );
  }
  return instant;
}
