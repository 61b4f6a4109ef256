/**
 * The alert rules of ARCHITECTURE.md §7 as pure decisions: given what was measured and whether the
 * condition already has an unresolved alert, raise one, resolve it, or keep things as they are.
 */
import { availablePlaces, isOverCapacity, type PlaceCounts } from './capacity';
import { SERVICE_CATEGORIES, type ServiceCategoryCode } from './categories';

export const ALERT_CODES = [
  'OVER_CAPACITY',
  'HIGH_OCCUPANCY',
  'NO_AVAILABILITY',
  'STALE_REPORT',
  'STAY_OVER_NORM',
  'HOUSING_SHORTAGE',
  'REFERRAL_WAITING',
  'OFFER_EXPIRING',
] as const;
export type AlertCode = (typeof ALERT_CODES)[number];

export const ALERT_SEVERITIES = ['critical', 'warning', 'info'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_SEVERITY: Readonly<Record<AlertCode, AlertSeverity>> = {
  OVER_CAPACITY: 'critical',
  HIGH_OCCUPANCY: 'warning',
  NO_AVAILABILITY: 'critical',
  STALE_REPORT: 'warning',
  STAY_OVER_NORM: 'info',
  HOUSING_SHORTAGE: 'warning',
  REFERRAL_WAITING: 'warning',
  OFFER_EXPIRING: 'warning',
};

/** The alerts about a district's referrals (ADR 0169): intake coordinates them with the district. */
export const REFERRAL_ALERT_CODES = [
  'REFERRAL_WAITING',
  'OFFER_EXPIRING',
] as const satisfies readonly AlertCode[];

/** An alert is open until a person acknowledges it; either way it is resolved by the system. */
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export type AlertDecision = 'raise' | 'resolve' | 'keep';

export const DEFAULT_HIGH_OCCUPANCY_THRESHOLD = 0.95;
/** A high-occupancy alert resolves only once the rate is this far below its threshold, so it cannot flap. */
export const HIGH_OCCUPANCY_HYSTERESIS = 0.05;
export const DEFAULT_STALE_REPORT_LIMIT_MS = 24 * 3600_000;
const DAY_MS = 24 * 3600_000;
/** How long an acute or urgent referral may wait (status `waiting`) before REFERRAL_WAITING; planned ones never alert. */
export const DEFAULT_REFERRAL_WAITING_LIMIT_MS = { acute: 4 * 3600_000, urgent: 3 * DAY_MS } as const;
/** An open offer expiring within this raises OFFER_EXPIRING. */
export const DEFAULT_OFFER_EXPIRING_WITHIN_MS = 2 * 3600_000;

// Rates are quotients of integers: 0.9 − 0.05 is 0.8500000000000001 in floating point, and a rate of
// exactly 0.85 must not count as below it. Compare with a margin far below any real step (1/100,000).
const EPSILON = 1e-9;

/** The general rule: a closed condition raises when it holds, an unresolved one resolves when it is over. */
function decide(isUnresolved: boolean, holds: boolean, isOver: boolean): AlertDecision {
  if (isUnresolved) return isOver ? 'resolve' : 'keep';
  return holds ? 'raise' : 'keep';
}

/** OVER_CAPACITY (unit, institution): occupied > capacity − blocked; resolved when back within. */
export function evaluateOverCapacity(counts: PlaceCounts, isUnresolved: boolean): AlertDecision {
  const over = isOverCapacity(counts);
  return decide(isUnresolved, over, !over);
}

/**
 * HIGH_OCCUPANCY (category city-wide, institution): raised at rate ≥ threshold, resolved only when
 * rate < threshold − hysteresis. A scope without usable places (rate null) has no occupancy to be high.
 */
export function evaluateHighOccupancy(
  rate: number | null,
  threshold: number,
  isUnresolved: boolean,
): AlertDecision {
  const high = rate !== null && rate >= threshold - EPSILON;
  const low = rate === null || rate < highOccupancyResolveBelow(threshold) - EPSILON;
  return decide(isUnresolved, high, low);
}

/** The rate below which a high-occupancy alert resolves. */
export function highOccupancyResolveBelow(threshold: number): number {
  return threshold - HIGH_OCCUPANCY_HYSTERESIS;
}

/**
 * NO_AVAILABILITY (category city-wide): no place is available (available ≤ 0, which includes
 * overcapacity); resolved when one is. A category with no places at all is not offered, not full.
 */
export function evaluateNoAvailability(counts: PlaceCounts, isUnresolved: boolean): AlertDecision {
  const offered = counts.capacity > 0;
  const available = availablePlaces(counts);
  return decide(isUnresolved, offered && available <= 0, !offered || available > 0);
}

/** True when a unit's last change or census is older than the limit. */
export function isStaleReport(lastReportAt: Date, now: Date, limitMs: number): boolean {
  return now.getTime() - lastReportAt.getTime() > limitMs;
}

/** STALE_REPORT (unit): no change and no census for longer than the limit; resolved when it reports. */
export function evaluateStaleReport(
  lastReportAt: Date,
  now: Date,
  limitMs: number,
  isUnresolved: boolean,
): AlertDecision {
  const stale = isStaleReport(lastReportAt, now, limitMs);
  return decide(isUnresolved, stale, !stale);
}

export function normedMaxStayDays(category: ServiceCategoryCode): number {
  const found = SERVICE_CATEGORIES.find((c) => c.code === category);
  if (!found) throw new Error(`unknown service category ${category}`);
  return found.normedMaxStayDays;
}

/** A stay admitted before this instant is longer than the category's normed maximum at `now`. */
export function stayOverNormCutoff(category: ServiceCategoryCode, now: Date): Date {
  return new Date(now.getTime() - normedMaxStayDays(category) * DAY_MS);
}

export function isStayOverNorm(admittedAt: Date, category: ServiceCategoryCode, now: Date): boolean {
  return admittedAt.getTime() < stayOverNormCutoff(category, now).getTime();
}

/** STAY_OVER_NORM (unit): some open stay is older than the normed maximum; resolved when none is. */
export function evaluateStayOverNorm(staysOverNorm: number, isUnresolved: boolean): AlertDecision {
  return decide(isUnresolved, staysOverNorm > 0, staysOverNorm === 0);
}

/** HOUSING_SHORTAGE (district + housing type): registered need > vacant units; resolved when need ≤ vacant. */
export function evaluateHousingShortage(
  supply: { need: number; vacant: number },
  isUnresolved: boolean,
): AlertDecision {
  const short = supply.need > supply.vacant;
  return decide(isUnresolved, short, !short);
}

/**
 * REFERRAL_WAITING (district): some acute or urgent referral of the district has waited (status `waiting`,
 * from when it was received) longer than its urgency's limit; resolved when none has (offered, placed or
 * withdrawn).
 */
export function evaluateReferralWaiting(waitingOverLimit: number, isUnresolved: boolean): AlertDecision {
  return decide(isUnresolved, waitingOverLimit > 0, waitingOverLimit === 0);
}

/**
 * OFFER_EXPIRING (district): some open offer to the district expires within the limit; resolved when none
 * does (answered, expired, withdrawn).
 */
export function evaluateOfferExpiring(offersExpiring: number, isUnresolved: boolean): AlertDecision {
  return decide(isUnresolved, offersExpiring > 0, offersExpiring === 0);
}

/**
 * What acknowledging does to an alert: an open alert becomes acknowledged; acknowledging it again
 * changes nothing (the first person and time stay); a resolved alert can no longer be acknowledged.
 */
export function acknowledgeTransition(status: AlertStatus): 'acknowledge' | 'unchanged' | 'refuse' {
  switch (status) {
    case 'open':
      return 'acknowledge';
    case 'acknowledged':
      return 'unchanged';
    case 'resolved':
      return 'refuse';
  }
}
