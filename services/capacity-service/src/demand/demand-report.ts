/**
 * The pure part of the demand report: counting referrals per group, waiting-time percentiles, and the
 * days a category had no free place, from its capacity history (ADR 0162).
 */
import type { DemandFigures } from '@plass/contracts';
import { OFFER_DECLINE_REASONS, type OfferDeclineReason, type ReferralStatus } from '@plass/domain';
import type { Period } from '../reports/period';
import { WAITING_STATUSES } from './referral-projection';

const HOUR_MS = 3_600_000;

/** What the report reads of a referral; times in ms since the epoch. */
export interface DemandReferral {
  groupKey: string;
  status: ReferralStatus;
  createdAt: number;
  placedAt: number | null;
  withdrawnAt: number | null;
}

/** A declined offer as the report reads it: its group, the district's reason and when it was declined. */
export interface DemandDecline {
  groupKey: string;
  reason: OfferDeclineReason;
  decidedAt: number;
}

/** The nearest-rank percentile (`p` in 0–1) of values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

const within = (t: number | null, period: Period) => t !== null && t >= period.from && t < period.to;
const oneDecimal = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/**
 * The figures of one group (or of all): counts in the period, waiting now, placed referrals' waits
 * (admitted − received), and the offers declined in the period by reason.
 */
export function demandFigures(
  referrals: readonly DemandReferral[],
  declines: readonly DemandDecline[],
  period: Period,
): DemandFigures {
  const offersDeclined = Object.fromEntries(OFFER_DECLINE_REASONS.map((r) => [r, 0])) as Record<
    OfferDeclineReason,
    number
  >;
  for (const d of declines) if (within(d.decidedAt, period)) offersDeclined[d.reason]++;
  const waits = referrals
    .filter((r) => within(r.placedAt, period))
    .map((r) => ((r.placedAt ?? 0) - r.createdAt) / HOUR_MS);
  return {
    received: referrals.filter((r) => within(r.createdAt, period)).length,
    placed: waits.length,
    withdrawn: referrals.filter((r) => within(r.withdrawnAt, period)).length,
    waitingNow: referrals.filter((r) => WAITING_STATUSES.includes(r.status)).length,
    waitingHoursP50: oneDecimal(percentile(waits, 0.5)),
    waitingHoursP90: oneDecimal(percentile(waits, 0.9)),
    offersDeclined,
  };
}

/** One change of a scope's free places (Σ max(0, available) per unit; ADR 0192). */
export interface AvailableChange {
  at: number;
  delta: number;
}

/**
 * How many of `days` had no free place at some moment: `availableAtStart` is the free places when the
 * first day began, `changes` the changes after that, in time order. A day counts when free places were
 * ≤ 0 when it began or after any change during it.
 */
export function daysWithoutFreePlace(
  availableAtStart: number,
  changes: readonly AvailableChange[],
  days: readonly { start: number; end: number }[],
): number {
  let available = availableAtStart;
  let i = 0;
  let count = 0;
  for (const day of days) {
    while (i < changes.length && changes[i].at < day.start) available += changes[i++].delta;
    let full = available <= 0;
    while (i < changes.length && changes[i].at < day.end) {
      available += changes[i++].delta;
      if (available <= 0) full = true;
    }
    if (full) count++;
  }
  return count;
}
