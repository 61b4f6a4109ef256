/**
 * Expected free places per day (ADRs 0052, 0168): today's free places plus the places that open stays are
 * expected to free, on their planned discharge date or, without one, when the category's normed
 * maximum stay runs out, minus the admissions expected at the category's arrival rate. Reserved and
 * blocked places stay held. An expectation for planning, not a promise.
 */
import type { CapacityForecast, CategoryForecast, ForecastNow } from '@plass/contracts';
import {
  addCalendarDays,
  REPORT_TIME_ZONE,
  SERVICE_CATEGORIES,
  zonedDate,
  type ServiceCategoryCode,
} from '@plass/domain';

export interface ForecastUnit {
  unitId: string;
  category: ServiceCategoryCode;
  capacity: number;
  occupied: number;
  blocked: number;
  reserved: number;
}

export interface ForecastStay {
  unitId: string;
  /** When the stay began (ISO instant). */
  admittedAt: string;
  /** YYYY-MM-DD, when the institution has planned the discharge. */
  plannedDischargeDate: string | null;
}

/** Admissions and referrals (by first preference) of one category over the arrival window. */
export interface CategoryArrivals {
  admissions: number;
  referrals: number;
}

/** How many days before now the arrival rates are taken from (ADR 0168). */
export const ARRIVAL_WINDOW_DAYS = 28;

/** What the pure forecast computes; the service adds when and for what it was asked. */
export type Forecast = Omit<
  CapacityForecast,
  'generatedAt' | 'horizonDays' | 'category' | 'arrivalWindowDays'
>;

const oneDecimal = (v: number) => Math.round(v * 10) / 10;

/**
 * Expected admissions per day of a category: the larger of its admissions and its referrals per day over
 * the window. Admissions alone miss demand that found no place (and an empty category admits nobody);
 * referrals alone miss acute admissions that come without one; a referral that was placed is also an
 * admission, so the two are not added.
 */
export function arrivalRates(arrivals: CategoryArrivals | undefined, windowDays = ARRIVAL_WINDOW_DAYS) {
  const admissionsPerDay = (arrivals?.admissions ?? 0) / windowDays;
  const referralsPerDay = (arrivals?.referrals ?? 0) / windowDays;
  return {
    admissionsPerDay: oneDecimal(admissionsPerDay),
    referralsPerDay: oneDecimal(referralsPerDay),
    expectedPerDay: oneDecimal(Math.max(admissionsPerDay, referralsPerDay)),
  };
}

const NORMS = new Map(SERVICE_CATEGORIES.map((c) => [c.code, c]));

/** The date a stay is expected to end: the planned date, else admission date + the normed maximum stay. */
export function expectedDischargeDate(
  stay: ForecastStay,
  category: ServiceCategoryCode,
  timeZone = REPORT_TIME_ZONE,
): string {
  if (stay.plannedDischargeDate) return stay.plannedDischargeDate;
  return addCalendarDays(
    zonedDate(Date.parse(stay.admittedAt), timeZone),
    NORMS.get(category)?.normedMaxStayDays ?? 0,
  );
}

function zeroNow(): ForecastNow {
  return {
    capacity: 0,
    occupied: 0,
    blocked: 0,
    reserved: 0,
    free: 0,
    dischargesExpectedToday: 0,
    overdueStays: 0,
  };
}

function addInto(target: ForecastNow, other: ForecastNow): void {
  for (const key of Object.keys(target) as (keyof ForecastNow)[]) target[key] += other[key];
}

export function forecastFreePlaces(
  units: ForecastUnit[],
  stays: ForecastStay[],
  now: number,
  days: number,
  arrivals: ReadonlyMap<ServiceCategoryCode, CategoryArrivals> = new Map(),
  timeZone = REPORT_TIME_ZONE,
): Forecast {
  const today = zonedDate(now, timeZone);
  const dates = Array.from({ length: days }, (_, i) => addCalendarDays(today, i + 1));
  const staysByUnit = new Map<string, ForecastStay[]>();
  for (const stay of stays) staysByUnit.set(stay.unitId, [...(staysByUnit.get(stay.unitId) ?? []), stay]);

  const categories = new Map<ServiceCategoryCode, CategoryForecast>();
  for (const unit of units) {
    const usable = Math.max(0, unit.capacity - unit.blocked - unit.reserved);
    const freeNow = unit.capacity - unit.occupied - unit.blocked - unit.reserved;
    const now: ForecastNow = {
      capacity: unit.capacity,
      occupied: unit.occupied,
      blocked: unit.blocked,
      reserved: unit.reserved,
      free: Math.min(usable, Math.max(0, freeNow)),
      dischargesExpectedToday: 0,
      overdueStays: 0,
    };
    const leaving = new Map<string, number>();
    for (const stay of staysByUnit.get(unit.unitId) ?? []) {
      const date = expectedDischargeDate(stay, unit.category, timeZone);
      if (date < today) now.overdueStays++;
      else if (date === today) now.dischargesExpectedToday++;
      else leaving.set(date, (leaving.get(date) ?? 0) + 1);
    }
    let freed = now.dischargesExpectedToday;
    const unitDays = dates.map((date) => {
      const expectedDischarges = leaving.get(date) ?? 0;
      freed += expectedDischarges;
      // A unit over capacity must first come back within it; no unit frees more than it has usable.
      return { date, expectedDischarges, expectedFree: Math.min(usable, Math.max(0, freeNow + freed)) };
    });

    const category = categories.get(unit.category) ?? {
      category: unit.category,
      name: NORMS.get(unit.category)?.name ?? unit.category,
      normedMaxStayDays: NORMS.get(unit.category)?.normedMaxStayDays ?? 0,
      arrivals: arrivalRates(arrivals.get(unit.category)),
      now: zeroNow(),
      days: dates.map((date) => ({ date, expectedDischarges: 0, expectedAdmissions: 0, expectedFree: 0 })),
    };
    addInto(category.now, now);
    unitDays.forEach((d, i) => {
      category.days[i].expectedDischarges += d.expectedDischarges;
      category.days[i].expectedFree += d.expectedFree;
    });
    categories.set(unit.category, category);
  }

  const ordered = SERVICE_CATEGORIES.map((c) => categories.get(c.code)).filter(
    (c): c is CategoryForecast => c !== undefined,
  );
  // Expected admissions take the places freed so far; arrivals that find none wait and take the next
  // ones freed, so the running sums are compared, and free places never go below zero.
  for (const c of ordered) {
    const rate = arrivalRates(arrivals.get(c.category)).expectedPerDay;
    c.days.forEach((d, i) => {
      d.expectedAdmissions = rate;
      d.expectedFree = Math.max(0, Math.round(d.expectedFree - rate * (i + 1)));
    });
  }
  const total = {
    now: zeroNow(),
    days: dates.map((date) => ({ date, expectedDischarges: 0, expectedAdmissions: 0, expectedFree: 0 })),
  };
  for (const c of ordered) {
    addInto(total.now, c.now);
    c.days.forEach((d, i) => {
      total.days[i].expectedDischarges += d.expectedDischarges;
      total.days[i].expectedAdmissions = oneDecimal(total.days[i].expectedAdmissions + d.expectedAdmissions);
      total.days[i].expectedFree += d.expectedFree;
    });
  }
  return { today, timeZone, categories: ordered, total };
}
