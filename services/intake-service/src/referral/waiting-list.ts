/**
 * The waiting list's order, as felles inntak works it: the most urgent first (acute, urgent, planned),
 * and within an urgency the one who has waited longest. Waiting time counts from when the referral was
 * received, so a referral back on the list after a declined offer keeps its place. Pure functions: the
 * service computes positions at read time, so no stored position can go stale.
 */
import { REFERRAL_URGENCIES, type ReferralUrgency } from '@plass/domain';

/** What the order reads of a referral. */
export interface QueuedReferral {
  id: string;
  urgency: ReferralUrgency;
  createdAt: Date;
}

const URGENCY_RANK = new Map<ReferralUrgency, number>(REFERRAL_URGENCIES.map((urgency, i) => [urgency, i]));

/** Negative when `a` comes before `b`; the id settles a tie, so the order never depends on the database. */
export function comparePriority(a: QueuedReferral, b: QueuedReferral): number {
  return (
    (URGENCY_RANK.get(a.urgency) ?? 0) - (URGENCY_RANK.get(b.urgency) ?? 0) ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** A copy of `referrals` in priority order. */
export function inPriorityOrder<T extends QueuedReferral>(referrals: readonly T[]): T[] {
  return [...referrals].sort(comparePriority);
}

/** Each waiting referral's position (1 is next) among `waiting`, which must be every waiting referral. */
export function waitingPositions(waiting: readonly QueuedReferral[]): Map<string, number> {
  return new Map(inPriorityOrder(waiting).map((referral, i) => [referral.id, i + 1]));
}
