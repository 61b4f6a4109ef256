/**
 * «Tidspunkt» in the institution forms (ADR 0212, 0213): a datetime-local value is the wall clock in Oslo
 * and goes to the service as it is (no offset); empty means now. Checked here before sending: not ahead of
 * now, not before the admission or the block's start. The window is the service's to enforce.
 */
import { fromWallClockMs, REPORT_TIME_ZONE } from '@plass/domain';
import { formatDateTime } from '../../format';

/** The service's default window for institution staff (BACKDATE_WINDOW_DAYS); shown in the help text. */
export const BACKDATE_WINDOW_DAYS = 7;
/** A clock this far ahead of the service's is still now (as the service takes it). */
const CLOCK_SKEW_MS = 2 * 60_000;

export const EFFECTIVE_TIME_HELP =
  `La feltet stå tomt når det skjedde nå. Du kan føre et tidligere tidspunkt inntil ${BACKDATE_WINDOW_DAYS} dager tilbake; ` +
  'eldre tidspunkt må registreres av en administrator.';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const osloWallClock = new Intl.DateTimeFormat('sv-SE', {
  timeZone: REPORT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** Now on Oslo's wall clock as a datetime-local value (`2026-11-23T02:30`): the field's `max`. */
export function osloNowLocal(now: Date = new Date()): string {
  return osloWallClock.format(now).replace(' ', 'T');
}

/** The instant an Oslo datetime-local value names; null when it is not one. */
export function instantOfLocal(value: string): Date | null {
  const m = LOCAL.exec(value);
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  const check = new Date(wall);
  if (check.getUTCDate() !== +m[3] || check.getUTCMonth() !== +m[2] - 1) return null;
  return new Date(fromWallClockMs(wall));
}

/** What must not come before the time: the admission, the block's start. */
export interface EarliestBound {
  at: string;
  what: string;
}

/** The form's message for a «Tidspunkt», or null: '' (now) and a time in the past are fine. */
export function effectiveTimeProblem(
  value: string,
  now: Date = new Date(),
  earliest?: EarliestBound,
): string | null {
  if (value === '') return null;
  const at = instantOfLocal(value);
  if (!at) return 'Skriv tidspunktet som dd.mm.åååå tt:mm.';
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) return 'Tidspunktet kan ikke være fram i tid.';
  if (earliest && at.getTime() < Date.parse(earliest.at)) {
    return `Tidspunktet kan ikke være før ${earliest.what} (${formatDateTime(earliest.at)}).`;
  }
  return null;
}

/** « (tidspunkt 23.11.2026 kl. 02:30)» for a success message, '' for now. */
export function effectiveTimeNote(value: string): string {
  const at = value === '' ? null : instantOfLocal(value);
  return at ? ` (tidspunkt ${formatDateTime(at.toISOString())})` : '';
}
