/**
 * Effective times in requests (ADR 0212, 0213): when an admission, discharge, block, its lifting, a
 * capacity change or a unit's opening took effect, if earlier than now. Parsed from ISO 8601 with an
 * offset, or Oslo wall-clock time without one; never in the future; within the back-dating window for
 * institution staff, without limit for admin.
 */
import { hasRole, type AuthUser } from '@plass/auth';
import { fromWallClockMs } from '@plass/domain';
import { InstitutionException } from '../institution.exception';

const DAY_MS = 86_400_000;
/** A client clock this far ahead of ours is still "now", not the future. */
export const CLOCK_SKEW_MS = 2 * 60_000;

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/;

/** The instant of an ISO 8601 date and time; without an offset it is the wall clock in Oslo. */
export function parseEffectiveTime(field: string, value: string): Date {
  const local = LOCAL.exec(value);
  const ms = local
    ? fromWallClockMs(
        Date.UTC(
          Number(local[1]),
          Number(local[2]) - 1,
          Number(local[3]),
          Number(local[4]),
          Number(local[5]),
          Number(local[6] ?? 0),
          Math.round(Number(local[7] ?? 0) * 1000),
        ),
      )
    : Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new InstitutionException('INVALID_VALUE', `${field} ${value} is not a date and time`);
  }
  return new Date(ms);
}

/** Who writes and how far back: institution staff the window, admin without limit. */
export interface BackdatePolicy {
  user: AuthUser;
  windowDays: number;
  now?: Date;
}

/** A checked effective time: `at` never after now; `backdated` when earlier than now (the event's `effectiveAt`). */
export interface EffectiveTime {
  at: Date;
  backdated: boolean;
}

/** 403 for institution staff when `at` lies before the window; admin may go back without limit. */
export function assertWithinWindow(field: string, at: Date, policy: BackdatePolicy): void {
  if (hasRole(policy.user, 'admin')) return;
  const now = policy.now ?? new Date();
  const earliest = new Date(now.getTime() - policy.windowDays * DAY_MS);
  if (at.getTime() < earliest.getTime()) {
    throw new InstitutionException(
      'OUTSIDE_BACKDATE_WINDOW',
      `${field} ${at.toISOString()} is more than ${policy.windowDays} days back (earliest ${earliest.toISOString()}); ` +
        'ask an administrator to register it',
      { earliest: earliest.toISOString(), windowDays: policy.windowDays },
    );
  }
}

/**
 * The effective time of a write: now when the field is absent (or within the clock skew ahead), else the
 * given time after the checks. 400 in the future, 403 outside the window.
 */
export function effectiveTime(
  field: string,
  value: string | undefined,
  policy: BackdatePolicy,
): EffectiveTime {
  const now = policy.now ?? new Date();
  if (value === undefined) return { at: now, backdated: false };
  const at = parseEffectiveTime(field, value);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new InstitutionException(
      'INVALID_VALUE',
      `${field} ${value} is in the future (now is ${now.toISOString()}); give the time it took effect`,
    );
  }
  if (at.getTime() >= now.getTime()) return { at: now, backdated: false };
  assertWithinWindow(field, at, policy);
  return { at, backdated: true };
}

/** 400 unless `at` is at or after `bound` (the unit's opening, the stay's admission, the block's start). */
export function requireNotBefore(field: string, at: Date, bound: Date, what: string): void {
  if (at.getTime() < bound.getTime()) {
    throw new InstitutionException(
      'INVALID_VALUE',
      `${field} ${at.toISOString()} is before ${what} (${bound.toISOString()})`,
    );
  }
}

/** 400 unless `at` is at or before `bound` (a stay's discharge, a block's lifting). */
export function requireNotAfter(field: string, at: Date, bound: Date, what: string): void {
  if (at.getTime() > bound.getTime()) {
    throw new InstitutionException(
      'INVALID_VALUE',
      `${field} ${at.toISOString()} is after ${what} (${bound.toISOString()})`,
    );
  }
}

/** The `effectiveAt` of an event: only when the change took effect before it was recorded. */
export function effectiveAtOf(time: EffectiveTime): { effectiveAt?: string } {
  return time.backdated ? { effectiveAt: time.at.toISOString() } : {};
}
