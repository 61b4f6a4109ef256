/**
 * The 2024 indicators computed in memory from the generated rows, by the rules the capacity service
 * uses (bed-days with libs/domain's integration on the Oslo wall clock; stays counted as the indicators
 * count them). The unit spec compares this with FIGURES_2024, without any service running.
 */
import { STAY_LENGTH_BUCKETS, type StayLengthBucket } from '@plass/contracts';
import {
  addPlaceTime,
  DAY_MS,
  integrateUnitStates,
  SERVICE_CATEGORIES,
  utilization,
  zonedDayStart,
  ZERO_PLACE_TIME,
  type DischargeReason,
  type DistrictCode,
  type PlaceTime,
  type ServiceCategoryCode,
  type Utilization,
} from '@plass/domain';
import type { GeneratedYear } from './generate';

export interface ComputedIndicators {
  utilization: Partial<Record<ServiceCategoryCode, Utilization>> & { all?: Utilization };
  dischargesByReason: Partial<Record<ServiceCategoryCode, Record<DischargeReason, number>>>;
  movesWithoutOsloAddress: number;
  staysBegun: Partial<Record<DistrictCode, Partial<Record<ServiceCategoryCode, number>>>>;
  staysBeyondNorm: Partial<Record<ServiceCategoryCode, Record<StayLengthBucket, number>>>;
}

const at = (iso: string) => Date.parse(iso.length === 10 ? `${iso}T00:00:00+01:00` : iso);

/** Bed-days per category over [from, to) from units, capacity, stays and blocks. */
export function utilizationByCategory(
  year: GeneratedYear,
  from: string,
  to: string,
): ComputedIndicators['utilization'] {
  const start = zonedDayStart(from);
  const end = zonedDayStart(to);
  const perCategory = new Map<ServiceCategoryCode, PlaceTime>();
  let all = ZERO_PLACE_TIME;
  for (const unit of year.units) {
    const changes: { at: number; capacity?: number; occupied?: number; blocked?: number }[] = [];
    for (const c of year.capacity.filter((r) => r.unitId === unit.unitId)) {
      changes.push({ at: at(c.from), capacity: c.capacity });
    }
    for (const s of year.stays.filter((r) => r.unitId === unit.unitId)) {
      changes.push({ at: at(s.admittedAt), occupied: 1 });
      if (s.dischargedAt) changes.push({ at: at(s.dischargedAt), occupied: -1 });
    }
    for (const b of year.blocks.filter((r) => r.unitId === unit.unitId)) {
      changes.push({ at: at(b.from), blocked: b.places });
      if (b.to) changes.push({ at: at(b.to), blocked: -b.places });
    }
    changes.sort((a, b) => a.at - b.at);
    let capacity = 0;
    let occupied = 0;
    let blocked = 0;
    const states = changes.map((c) => {
      capacity = c.capacity ?? capacity;
      occupied += c.occupied ?? 0;
      blocked += c.blocked ?? 0;
      return { at: c.at, capacity, occupied, blocked, closed: false };
    });
    const time = integrateUnitStates(states, start, end).reduce(
      (a, s) => addPlaceTime(a, s.time),
      ZERO_PLACE_TIME,
    );
    perCategory.set(unit.category, addPlaceTime(perCategory.get(unit.category) ?? ZERO_PLACE_TIME, time));
    all = addPlaceTime(all, time);
  }
  return {
    ...Object.fromEntries([...perCategory.entries()].map(([c, t]) => [c, utilization(t)])),
    all: utilization(all),
  };
}

export function computeIndicators(year: GeneratedYear, from: string, to: string): ComputedIndicators {
  const start = zonedDayStart(from);
  const end = zonedDayStart(to);
  const category = new Map(year.units.map((u) => [u.unitId, u.category]));
  const result: ComputedIndicators = {
    utilization: utilizationByCategory(year, from, to),
    dischargesByReason: {},
    movesWithoutOsloAddress: 0,
    staysBegun: {},
    staysBeyondNorm: {},
  };
  for (const stay of year.stays) {
    const c = category.get(stay.unitId);
    if (!c) throw new Error(`stay ${stay.stayId}: unknown unit`);
    const admitted = at(stay.admittedAt);
    const discharged = stay.dischargedAt ? at(stay.dischargedAt) : null;
    if (discharged !== null && discharged >= start && discharged < end && stay.dischargeReason) {
      const counts = (result.dischargesByReason[c] ??= {
        planned: 0,
        'own-housing': 0,
        immediate: 0,
        transfer: 0,
        dropout: 0,
        other: 0,
      });
      counts[stay.dischargeReason] += 1;
      if (stay.dischargeReason === 'own-housing' && stay.referringDistrictCode === 'utenbys') {
        result.movesWithoutOsloAddress += 1;
      }
    }
    if (admitted >= start && admitted < end) {
      const district = (result.staysBegun[stay.referringDistrictCode] ??= {});
      district[c] = (district[c] ?? 0) + 1;
    }
    if (admitted < end && (discharged === null || discharged >= start)) {
      const lengthMs = Math.min(discharged ?? end, end) - admitted;
      const norm = SERVICE_CATEGORIES.find((x) => x.code === c)?.normedMaxStayDays ?? 0;
      if (lengthMs > norm * DAY_MS) {
        const bucket = STAY_LENGTH_BUCKETS.find(
          (b) => lengthMs > b.minDays * DAY_MS && (b.maxDays === null || lengthMs <= b.maxDays * DAY_MS),
        );
        if (bucket) {
          const counts = (result.staysBeyondNorm[c] ??= {
            threeMonthsToOneYear: 0,
            oneToTwoYears: 0,
            twoToFiveYears: 0,
            overFiveYears: 0,
          });
          counts[bucket.key] += 1;
        }
      }
    }
  }
  return result;
}
