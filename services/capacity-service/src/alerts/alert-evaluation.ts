/**
 * What the alert rules are applied to: for every condition a feature measured, who it concerns (the
 * alert's subject) and the rule's decision. Pure builders, one per rule and scope; the engine does the rest.
 */
import type { CapacityChangedData } from '@plass/contracts';
import {
  districtName,
  evaluateHighOccupancy,
  evaluateHousingShortage,
  evaluateNoAvailability,
  evaluateOfferExpiring,
  evaluateReferralWaiting,
  evaluateOverCapacity,
  evaluateStaleReport,
  evaluateStayOverNorm,
  highOccupancyResolveBelow,
  isServiceCategoryCode,
  normedMaxStayDays,
  scopeKey,
  type AlertCode,
  type AlertDecision,
  type AlertScope,
  type DistrictCode,
  HOUSING_TYPES,
  type HousingType,
  type ServiceCategoryCode,
} from '@plass/domain';
import { contribution, type UnitState } from '../projection/project';

export interface AlertSubject {
  code: AlertCode;
  scope: AlertScope;
  scopeId: string;
  scopeKey: string;
  scopeName: string | null;
  housingType: HousingType | null;
  institutionId: string | null;
  districtCode: DistrictCode | null;
  category: ServiceCategoryCode | null;
  /** The live rooms the alert is pushed to. */
  rooms: string[];
}

export type Measured = Record<string, number | string | null>;

export interface AlertEvaluation {
  subject: AlertSubject;
  measured: Measured;
  /** The rule's decision, given whether the condition already has an unresolved alert. */
  decide: (isUnresolved: boolean) => AlertDecision;
}

/** One unresolved alert at most per condition: code, scope and (for housing) the housing type. */
export function conditionKey(s: {
  code: AlertCode;
  scopeKey: string;
  housingType: HousingType | null;
}): string {
  return `${s.code}|${s.scopeKey}|${s.housingType ?? ''}`;
}

/**
 * Figures that change with the clock alone (a report's age): an open alert is not updated for them, or it
 * would be updated at every scheduler run.
 */
const CLOCK_FIGURES = new Set(['ageMs']);

/**
 * Whether an unresolved alert's measured figures differ from what was measured now (ADR 0172): then it is
 * updated to show the current figures, not those of when it was raised.
 */
export function figuresChanged(held: Measured, now: Measured): boolean {
  const keys = new Set([...Object.keys(held), ...Object.keys(now)]);
  for (const key of keys) {
    if (CLOCK_FIGURES.has(key)) continue;
    if ((held[key] ?? null) !== (now[key] ?? null)) return true;
  }
  return false;
}

/** A rule that only resolves here; raising it is someone else's job (the scheduler's, for stale reports). */
export function resolveOnly(evaluation: AlertEvaluation): AlertEvaluation {
  return {
    ...evaluation,
    decide: (isUnresolved) => {
      const decision = evaluation.decide(isUnresolved);
      return decision === 'raise' ? 'keep' : decision;
    },
  };
}

/** How an alert names a unit: its institution and its own name. */
export function unitScopeName(unit: Pick<UnitState, 'institutionName' | 'unitName'>): string {
  return `${unit.institutionName}: ${unit.unitName}`;
}

function unitSubject(code: AlertCode, unit: UnitState): AlertSubject {
  return {
    code,
    scope: 'unit',
    scopeId: unit.unitId,
    scopeKey: scopeKey('unit', unit.unitId),
    scopeName: unitScopeName(unit),
    housingType: null,
    institutionId: unit.institutionId,
    districtCode: unit.districtCode,
    category: unit.category,
    rooms: [
      scopeKey('unit', unit.unitId),
      scopeKey('institution', unit.institutionId),
      scopeKey('category', unit.category),
      scopeKey('district', unit.districtCode),
      'city',
    ],
  };
}

function institutionSubject(
  code: AlertCode,
  institution: CapacityChangedData,
  districtCode: DistrictCode | null,
): AlertSubject {
  const id = institution.id ?? '';
  return {
    code,
    scope: 'institution',
    scopeId: id,
    scopeKey: institution.key,
    scopeName: institution.name,
    housingType: null,
    institutionId: id,
    districtCode,
    category: null,
    rooms: [institution.key, ...(districtCode ? [scopeKey('district', districtCode)] : []), 'city'],
  };
}

function categorySubject(code: AlertCode, category: CapacityChangedData): AlertSubject {
  const id = category.id ?? '';
  return {
    code,
    scope: 'category',
    scopeId: id,
    scopeKey: category.key,
    scopeName: category.name,
    housingType: null,
    institutionId: null,
    districtCode: null,
    category: isServiceCategoryCode(id) ? id : null,
    rooms: [category.key, 'city'],
  };
}

function totalsMeasured(scope: CapacityChangedData): Measured {
  const t = scope.totals;
  return {
    capacity: t.capacity,
    occupied: t.occupied,
    blocked: t.blocked,
    reserved: t.reserved,
    available: t.available,
    // Places used beyond what the scope's units have (ADR 0171); 0 in totals from before it.
    overCapacity: t.overCapacity ?? 0,
    occupancyRate: t.occupancyRate,
  };
}

export function unitOverCapacity(unit: UnitState): AlertEvaluation {
  // A closed unit contributes nothing, so it is never over capacity.
  const counts = contribution(unit);
  return {
    subject: unitSubject('OVER_CAPACITY', unit),
    measured: {
      capacity: counts.capacity,
      occupied: counts.occupied,
      blocked: counts.blocked,
      usable: counts.capacity - counts.blocked,
    },
    decide: (isUnresolved) => evaluateOverCapacity(counts, isUnresolved),
  };
}

export function unitStaleReport(unit: UnitState, now: Date, limitMs: number): AlertEvaluation {
  const lastReportAt = new Date(unit.lastChangeAt);
  return {
    subject: unitSubject('STALE_REPORT', unit),
    measured: {
      lastReportAt: unit.lastChangeAt,
      ageMs: now.getTime() - lastReportAt.getTime(),
      limitMs,
    },
    decide: (isUnresolved) =>
      unit.closed
        ? isUnresolved
          ? 'resolve'
          : 'keep'
        : evaluateStaleReport(lastReportAt, now, limitMs, isUnresolved),
  };
}

export function unitStaysOverNorm(
  unit: UnitState,
  staysOverNorm: number,
  oldestAdmittedAt: string | null,
): AlertEvaluation {
  const over = unit.closed ? 0 : staysOverNorm;
  return {
    subject: unitSubject('STAY_OVER_NORM', unit),
    measured: {
      staysOverNorm: over,
      normedMaxStayDays: normedMaxStayDays(unit.category),
      oldestAdmittedAt: over > 0 ? oldestAdmittedAt : null,
    },
    decide: (isUnresolved) => evaluateStayOverNorm(over, isUnresolved),
  };
}

export function institutionOverCapacity(
  institution: CapacityChangedData,
  districtCode: DistrictCode | null,
): AlertEvaluation {
  const t = institution.totals;
  return {
    subject: institutionSubject('OVER_CAPACITY', institution, districtCode),
    measured: { ...totalsMeasured(institution), usable: t.capacity - t.blocked },
    decide: (isUnresolved) => evaluateOverCapacity(t, isUnresolved),
  };
}

function highOccupancy(
  subject: AlertSubject,
  scope: CapacityChangedData,
  threshold: number,
): AlertEvaluation {
  return {
    subject,
    measured: {
      ...totalsMeasured(scope),
      threshold,
      resolveBelow: highOccupancyResolveBelow(threshold),
    },
    decide: (isUnresolved) => evaluateHighOccupancy(scope.totals.occupancyRate, threshold, isUnresolved),
  };
}

export function institutionHighOccupancy(
  institution: CapacityChangedData,
  districtCode: DistrictCode | null,
  threshold: number,
): AlertEvaluation {
  return highOccupancy(
    institutionSubject('HIGH_OCCUPANCY', institution, districtCode),
    institution,
    threshold,
  );
}

export function categoryHighOccupancy(category: CapacityChangedData, threshold: number): AlertEvaluation {
  return highOccupancy(categorySubject('HIGH_OCCUPANCY', category), category, threshold);
}

/**
 * NO_AVAILABILITY on the category's free places (ADR 0171): `available` is Σ max(0, available) per unit, so
 * a unit over capacity no longer hides another unit's free place. The domain rule takes counts: capacity
 * and, held, everything but the free places.
 */
export function categoryNoAvailability(category: CapacityChangedData): AlertEvaluation {
  const t = category.totals;
  const counts = { capacity: t.capacity, occupied: 0, blocked: 0, reserved: t.capacity - t.available };
  return {
    subject: categorySubject('NO_AVAILABILITY', category),
    measured: totalsMeasured(category),
    decide: (isUnresolved) => evaluateNoAvailability(counts, isUnresolved),
  };
}

function districtSubject(code: AlertCode, districtCode: DistrictCode): AlertSubject {
  const key = scopeKey('district', districtCode);
  return {
    code,
    scope: 'district',
    scopeId: districtCode,
    scopeKey: key,
    scopeName: districtName(districtCode),
    housingType: null,
    institutionId: null,
    districtCode,
    category: null,
    rooms: [key, 'city'],
  };
}

/** What the alert measures of a district's referrals: counts and times only, never a referral (ADR 0169). */
export interface DistrictReferrals {
  /** Acute and urgent referrals waiting longer than their urgency's limit. */
  acuteOverLimit: number;
  urgentOverLimit: number;
  /** When the longest-waiting of them was received. */
  oldestWaitingSince: string | null;
  /** Open offers to the district expiring within the limit, and the first of their expiries. */
  offersExpiring: number;
  firstExpiresAt: string | null;
}

export function districtReferralWaiting(
  districtCode: DistrictCode,
  referrals: DistrictReferrals,
  limitMs: { acute: number; urgent: number },
): AlertEvaluation {
  const over = referrals.acuteOverLimit + referrals.urgentOverLimit;
  return {
    subject: districtSubject('REFERRAL_WAITING', districtCode),
    measured: {
      waitingOverLimit: over,
      acuteOverLimit: referrals.acuteOverLimit,
      urgentOverLimit: referrals.urgentOverLimit,
      oldestReceivedAt: over > 0 ? referrals.oldestWaitingSince : null,
      acuteLimitMs: limitMs.acute,
      urgentLimitMs: limitMs.urgent,
    },
    decide: (isUnresolved) => evaluateReferralWaiting(over, isUnresolved),
  };
}

export function districtOfferExpiring(
  districtCode: DistrictCode,
  referrals: DistrictReferrals,
  withinMs: number,
): AlertEvaluation {
  return {
    subject: districtSubject('OFFER_EXPIRING', districtCode),
    measured: {
      offersExpiring: referrals.offersExpiring,
      firstExpiresAt: referrals.offersExpiring > 0 ? referrals.firstExpiresAt : null,
      withinMs,
    },
    decide: (isUnresolved) => evaluateOfferExpiring(referrals.offersExpiring, isUnresolved),
  };
}

/**
 * HOUSING_SHORTAGE, one alert per district (ADR 0172): short while some housing type's need exceeds its
 * vacant dwellings; `measured` carries the totals and, per type, `shortfall.<type>`, `need.<type>` and
 * `vacant.<type>` (flat: measured values are numbers, texts or null). Resolved when no type is short.
 */
export function housingShortage(
  districtCode: DistrictCode,
  byType: Record<HousingType, { need: number; vacant: number }>,
): AlertEvaluation {
  const measured: Measured = { need: 0, vacant: 0, shortfall: 0, typesShort: 0 };
  const add = (key: string, n: number) => (measured[key] = (measured[key] as number) + n);
  for (const type of HOUSING_TYPES) {
    const { need, vacant } = byType[type];
    const shortfall = Math.max(0, need - vacant);
    add('need', need);
    add('vacant', vacant);
    add('shortfall', shortfall);
    if (shortfall > 0) {
      add('typesShort', 1);
      measured[`shortfall.${type}`] = shortfall;
      measured[`need.${type}`] = need;
      measured[`vacant.${type}`] = vacant;
    }
  }
  const short = (measured.shortfall as number) > 0;
  return {
    subject: districtSubject('HOUSING_SHORTAGE', districtCode),
    measured,
    decide: (isUnresolved) =>
      // The domain rule on the district as a whole: short exactly when some type is.
      evaluateHousingShortage({ need: short ? 1 : 0, vacant: 0 }, isUnresolved),
  };
}

/**
 * The high-occupancy threshold of an institution: its categories' threshold when they agree on one,
 * otherwise the default (an institution has no category of its own).
 */
export function institutionThreshold(
  categories: readonly ServiceCategoryCode[],
  thresholdOf: (category: ServiceCategoryCode) => number,
  defaultThreshold: number,
): number {
  const thresholds = new Set(categories.map(thresholdOf));
  return thresholds.size === 1 ? [...thresholds][0] : defaultThreshold;
}
