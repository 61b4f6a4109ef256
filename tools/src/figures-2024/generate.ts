/**
 * Generates a year (2024) of history for the VEL institutions in the import format (ARCHITECTURE §12),
 * built so that the system's indicators for 2024 are exactly the published figures (figures.ts) and the
 * constructed values below (ADR 0220). Deterministic: a seeded generator, no Math.random.
 *
 * Times are planned on the Oslo wall clock in minutes from 2024-01-01 00:00 and every admission,
 * discharge and block starts or ends between 08:00 and 22:00, so no time falls in a daylight-saving
 * change and bed-days (counted on the wall clock, libs/domain) are whole minutes: each category's used
 * bed-days come out exactly as constructed.
 */
import {
  fromWallClockMs,
  SERVICE_CATEGORIES,
  type BlockReason,
  type DischargeReason,
  type DistrictCode,
  type ServiceCategoryCode,
} from '@plass/domain';
import { STAY_LENGTH_BUCKETS, type StayLengthBucket } from '@plass/contracts';
import { FIGURE_21_COLUMNS, FIGURES_2024, type Figure21District } from './figures';
import { UNITS_2024, UNITS_OPENED_AT, type UnitSpec } from './institutions';
import { Prng } from './prng';

export const FIGURES_SEED = 20_240_101;

const DAY = 1440;
const YEAR_END = 366 * DAY;
const BAND_START = 8 * 60;
const BAND_END = 22 * 60;
const YEAR_BASE = Date.UTC(2024, 0, 1);

/**
 * How many of a district's stays each published percentage point stands for (ADR 0222): stays begun in
 * 2024 per district and category = published percentage × this factor, "not stated" left out. Chosen
 * from the districts' registered housing need (OSLO.md §Housing), so large districts refer more.
 */
export const STAYS_PER_PERCENT: Record<Figure21District, number> = {
  '030112': 2,
  '030109': 2,
  '030105': 3,
  '030101': 4,
  '030110': 2,
  '030102': 3,
  '030108': 1,
  '030114': 1,
  '030103': 3,
  '030104': 2,
  '030111': 3,
  '030115': 2,
  '030106': 1,
  '030107': 1,
  '030113': 2,
};

/** Figure 21's "acute/assessment" column split into acute and assessment stays (chosen). */
export const ACUTE_SHARE_OF_ACUTE_ASSESSMENT = 0.7;

/** Stays begun in 2024 by people without an Oslo address (not in figure 21), per category (chosen). */
export const UTENBYS_STAYS: Partial<Record<ServiceCategoryCode, number>> = {
  acute: 30,
  'assessment-active': 40,
  'assessment-drugfree': 15,
  'resource-centre': 8,
  coping: 5,
  'care-active': 2,
};

/** Of the 11 moves to own housing by people without an Oslo address, per category (chosen). */
export const UTENBYS_MOVES: Partial<Record<ServiceCategoryCode, number>> = {
  'assessment-drugfree': 5,
  'assessment-active': 4,
  'resource-centre': 2,
};

interface CategoryPlan {
  /** Ordinary stays' length in days (all below the norm). */
  readonly lengthDays: readonly [number, number];
  /** Share of beds whose first stay of the year began in 2023. */
  readonly carriedIn: number;
  /** Share of beds whose last stay of the year runs into 2025. */
  readonly runningOut: number;
  /** Places blocked for a while (1 place, a whole number of days), at a bed's start or end of the year. */
  readonly blocks: readonly { days: number; at: 'start' | 'end'; reason: BlockReason }[];
}

const PLANS: Partial<Record<ServiceCategoryCode, CategoryPlan>> = {
  acute: {
    lengthDays: [0.5, 2.6],
    carriedIn: 0.1,
    runningOut: 0.2,
    blocks: [{ days: 10, at: 'start', reason: 'maintenance' }],
  },
  'assessment-active': {
    lengthDays: [2, 85],
    carriedIn: 0.5,
    runningOut: 0.5,
    blocks: [
      { days: 14, at: 'start', reason: 'safety' },
      { days: 21, at: 'end', reason: 'staffing' },
    ],
  },
  'assessment-drugfree': {
    lengthDays: [3, 86],
    carriedIn: 0.5,
    runningOut: 0.5,
    blocks: [{ days: 30, at: 'start', reason: 'maintenance' }],
  },
  coping: {
    lengthDays: [7, 300],
    carriedIn: 0.6,
    runningOut: 0.6,
    blocks: [{ days: 20, at: 'end', reason: 'staffing' }],
  },
  'resource-centre': { lengthDays: [5, 250], carriedIn: 0.5, runningOut: 0.5, blocks: [] },
  'care-drugfree': {
    lengthDays: [20, 330],
    carriedIn: 0.6,
    runningOut: 0.6,
    blocks: [{ days: 12, at: 'start', reason: 'maintenance' }],
  },
  'care-active': {
    lengthDays: [10, 650],
    carriedIn: 0.6,
    runningOut: 0.6,
    blocks: [{ days: 25, at: 'end', reason: 'safety' }],
  },
  'reinforced-residential': {
    lengthDays: [30, 650],
    carriedIn: 0.7,
    runningOut: 0.7,
    blocks: [{ days: 8, at: 'start', reason: 'maintenance' }],
  },
};

export interface UnitRow {
  unitId: string;
  institutionId: string;
  institutionName: string;
  providerType: string;
  districtCode: string;
  unitName: string;
  category: ServiceCategoryCode;
  openedAt: string;
}
export interface CapacityRow {
  unitId: string;
  from: string;
  capacity: number;
}
export interface StayRow {
  stayId: string;
  unitId: string;
  referringDistrictCode: DistrictCode;
  admittedAt: string;
  dischargedAt: string;
  dischargeReason: DischargeReason | '';
  plannedDischargeDate: string;
}
export interface BlockRow {
  blockId: string;
  unitId: string;
  places: number;
  reason: BlockReason;
  from: string;
  to: string;
}

export interface GeneratedYear {
  units: UnitRow[];
  capacity: CapacityRow[];
  stays: StayRow[];
  blocks: BlockRow[];
}

/** The exact answers the generated year is built to give (bed-days in days, counts of stays). */
export interface Constructed2024 {
  byCategory: Partial<
    Record<ServiceCategoryCode, { possibleBedDays: number; blockedBedDays: number; usedBedDays: number }>
  >;
  /** Stays begun in 2024 per referring district and category. */
  staysBegun: Partial<Record<DistrictCode, Partial<Record<ServiceCategoryCode, number>>>>;
}

/** An Oslo wall-clock minute (from 2024-01-01 00:00) as ISO 8601 with its UTC offset. */
export function wallMinuteIso(minute: number): string {
  const wall = YEAR_BASE + minute * 60_000;
  const offsetMinutes = Math.round((wall - fromWallClockMs(wall)) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${new Date(wall).toISOString().slice(0, 19)}${sign}${hh}:${mm}`;
}

const timeOfDay = (minute: number) => ((minute % DAY) + DAY) % DAY;
const dayStart = (minute: number) => minute - timeOfDay(minute);

/** The nearest minute inside 08:00–22:00 (evening times move back to 22:00, night times on to 08:00). */
function snap(minute: number): number {
  const m = Math.round(minute);
  const t = timeOfDay(m);
  if (t >= BAND_START && t <= BAND_END) return m;
  if (t > BAND_END) return dayStart(m) + BAND_END;
  if (t < 3 * 60) return dayStart(m) - DAY + BAND_END;
  return dayStart(m) + BAND_START;
}

/** `minute`, or the next minute inside 08:00–22:00 after it. */
function snapForward(minute: number): number {
  const m = Math.round(minute);
  const t = timeOfDay(m);
  if (t < BAND_START) return dayStart(m) + BAND_START;
  if (t > BAND_END) return dayStart(m) + DAY + BAND_START;
  return m;
}

interface PlannedStay {
  category: ServiceCategoryCode;
  start: number;
  /** null: discharged after the generated period (set when the rows are written). */
  end: number;
  referringDistrictCode: DistrictCode;
  /** Over-norm stays and carried-in/running-out ones keep their times. */
  fixed: boolean;
  dischargeReason: DischargeReason | null;
}

interface Bed {
  unit: UnitSpec;
  unitIndex: number;
  windowStart: number;
  windowEnd: number;
  stays: PlannedStay[];
}

const overlap = (s: { start: number; end: number }) =>
  Math.max(0, Math.min(s.end, YEAR_END) - Math.max(s.start, 0));

const normDays = (category: ServiceCategoryCode) =>
  SERVICE_CATEGORIES.find((c) => c.code === category)?.normedMaxStayDays ?? 0;

/** Stays begun in 2024 per district and category, from figure 21 (ADR 0222) plus the utenbys ones. */
export function staysBegun2024(): Constructed2024['staysBegun'] {
  const result: Constructed2024['staysBegun'] = {};
  for (const [district, figures] of Object.entries(FIGURES_2024.figure21) as [
    Figure21District,
    (typeof FIGURES_2024.figure21)[Figure21District],
  ][]) {
    const counts: Partial<Record<ServiceCategoryCode, number>> = {};
    for (const column of FIGURE_21_COLUMNS) {
      const stays = figures[column.key] * STAYS_PER_PERCENT[district];
      if (stays === 0) continue;
      if (column.key === 'acuteAssessment') {
        const acute = Math.round(stays * ACUTE_SHARE_OF_ACUTE_ASSESSMENT);
        counts.acute = acute;
        counts['assessment-active'] = stays - acute;
      } else {
        counts[column.categories[0]] = stays;
      }
    }
    result[district] = counts;
  }
  result.utenbys = { ...UTENBYS_STAYS };
  return result;
}

/** The used bed-days each category is built to have: its chosen rate of the usable bed-days. */
function targetUsedDays(category: ServiceCategoryCode, possible: number, blocked: number): number {
  if (category === 'resource-centre') return CONSTRUCTED_RESOURCE_CENTRE_USED_BED_DAYS;
  const percent = FIGURES_2024.occupancyPercent.byCategory[category as 'acute'];
  return Math.round(((possible - blocked) * percent) / 100);
}

/**
 * Resource centres' used bed-days: the source says about 24,500 used of about 37,000 and over 12,600
 * unused (66 %); 101 places all year give 36,966 possible, and 24,350 used leaves 12,616 unused (65.9 %).
 */
export const CONSTRUCTED_RESOURCE_CENTRE_USED_BED_DAYS = 24_350;

/** Draws `count` lengths in [min, max] (minutes) summing to exactly `total`. */
function lengths(prng: Prng, count: number, min: number, max: number, total: number, what: string): number[] {
  if (count === 0) {
    if (total !== 0) throw new Error(`${what}: ${total} minutes to place but no stays`);
    return [];
  }
  if (total < count * min || total > count * max) {
    throw new Error(
      `${what}: ${count} stays cannot fill ${(total / DAY).toFixed(1)} bed-days with lengths ${min / DAY}–${max / DAY} days`,
    );
  }
  const raw = Array.from({ length: count }, () => -Math.log(1 - prng.next()));
  let lo = 0;
  let hi = (max - min) * 50;
  const at = (scale: number) => raw.map((r) => Math.min(max, Math.round(min + r * scale)));
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (at(mid).reduce((a, b) => a + b, 0) < total) lo = mid;
    else hi = mid;
  }
  const result = at(hi);
  let diff = total - result.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % count) {
    const step = Math.sign(diff) * Math.min(Math.abs(diff), 60);
    const next = result[i] + step;
    if (next >= min && next <= max) {
      result[i] = next;
      diff -= step;
    }
  }
  return result;
}

export function generate2024(seed = FIGURES_SEED): { year: GeneratedYear; constructed: Constructed2024 } {
  const prng = new Prng(seed);
  const year: GeneratedYear = { units: [], capacity: [], stays: [], blocks: [] };
  const constructed: Constructed2024 = { byCategory: {}, staysBegun: staysBegun2024() };

  // Units and institutions.
  const institutionIds = new Map<string, string>();
  const unitIds = UNITS_2024.map((unit) => {
    const institutionId = institutionIds.get(unit.institution) ?? prng.uuid();
    institutionIds.set(unit.institution, institutionId);
    const unitId = prng.uuid();
    year.units.push({
      unitId,
      institutionId,
      institutionName: unit.institution,
      providerType: unit.providerType,
      districtCode: unit.districtCode,
      unitName: unit.unitName,
      category: unit.category,
      openedAt: UNITS_OPENED_AT,
    });
    year.capacity.push({ unitId, from: UNITS_OPENED_AT, capacity: unit.places });
    return unitId;
  });

  const districtWeights = Object.entries(STAYS_PER_PERCENT) as [DistrictCode, number][];
  const randomDistrict = (): DistrictCode => {
    if (prng.next() < 0.03) return 'utenbys';
    let x = prng.next() * districtWeights.reduce((a, [, w]) => a + w, 0);
    for (const [code, w] of districtWeights) {
      x -= w;
      if (x < 0) return code;
    }
    return districtWeights[0][0];
  };

  const allStays: { stay: PlannedStay; unitIndex: number }[] = [];
  for (const category of SERVICE_CATEGORIES.map((c) => c.code)) {
    const plan = PLANS[category];
    const unitIndexes = UNITS_2024.map((u, i) => (u.category === category ? i : -1)).filter((i) => i >= 0);
    if (!plan || unitIndexes.length === 0) continue;
    const minLength = Math.round(plan.lengthDays[0] * DAY);
    const maxLength = Math.round(plan.lengthDays[1] * DAY);

    const beds: Bed[] = unitIndexes.flatMap((unitIndex) =>
      Array.from({ length: UNITS_2024[unitIndex].places }, () => ({
        unit: UNITS_2024[unitIndex],
        unitIndex,
        windowStart: 0,
        windowEnd: YEAR_END - 2 * 60,
        stays: [] as PlannedStay[],
      })),
    );
    prng.shuffle(beds);
    const possible = beds.length * 366;

    // Blocks: at the start or end of a bed's year, which then holds no stay in that time.
    let blockedMinutes = 0;
    plan.blocks.forEach((block, i) => {
      const bed = beds[i];
      const from = block.at === 'start' ? 2 * DAY + 10 * 60 : YEAR_END - (block.days + 8) * DAY + 10 * 60;
      const to = from + block.days * DAY;
      if (block.at === 'start') bed.windowStart = to + 60;
      else bed.windowEnd = from - 60;
      blockedMinutes += to - from;
      year.blocks.push({
        blockId: prng.uuid(),
        unitId: unitIds[bed.unitIndex],
        places: 1,
        reason: block.reason,
        from: wallMinuteIso(from),
        to: wallMinuteIso(to),
      });
    });
    const blockedDays = blockedMinutes / DAY;
    const usedTarget = targetUsedDays(category, possible, blockedDays) * DAY;

    // Districts of the stays begun in 2024, shuffled.
    const newDistricts: DistrictCode[] = prng.shuffle(
      Object.entries(constructed.staysBegun).flatMap(([district, counts]) =>
        Array.from({ length: counts?.[category] ?? 0 }, () => district as DistrictCode),
      ),
    );
    const takeNewDistrict = (): DistrictCode => {
      const d = newDistricts.pop();
      if (!d) throw new Error(`${category}: more stays begun in 2024 than figure 21 gives`);
      return d;
    };

    // Stays beyond the norm, with their measured length (to discharge, or to the end of 2024).
    const free = () =>
      beds.filter((b) => b.stays.length === 0 && b.windowStart === 0 && b.windowEnd === YEAR_END - 2 * 60);
    const middleFixed: PlannedStay[] = [];
    const buckets = FIGURES_2024.staysBeyondNorm.byCategory[category as 'coping'] as
      Record<StayLengthBucket, number> | undefined;
    for (const bucket of STAY_LENGTH_BUCKETS) {
      const count = buckets?.[bucket.key] ?? 0;
      const low = Math.max(bucket.minDays, normDays(category)) + 3;
      const high = (bucket.maxDays ?? 2_400) - 3;
      for (let i = 0; i < count; i++) {
        const length = Math.round(prng.between(low, Math.min(high, low + 320)) * DAY);
        const inYear = length <= 250 * DAY && prng.next() < 0.7;
        if (inYear) {
          middleFixed.push({
            category,
            start: 0,
            end: length,
            referringDistrictCode: takeNewDistrict(),
            fixed: true,
            dischargeReason: null,
          });
          continue;
        }
        const bed = free()[0];
        if (!bed) throw new Error(`${category}: no bed left for a stay beyond the norm`);
        const open = length > 366 * DAY && prng.next() < 0.4;
        const end = open ? YEAR_END : snap(prng.between(70, Math.min(355, length / DAY - 5)) * DAY);
        const start = snap(end - length);
        bed.stays.push({
          category,
          start,
          end: open ? YEAR_END + prng.int(5, 80) * DAY + 11 * 60 : end,
          referringDistrictCode: start >= 0 ? takeNewDistrict() : randomDistrict(),
          fixed: true,
          dischargeReason: null,
        });
        if (open) bed.windowEnd = -1;
      }
    }

    // Ordinary stays carried in from 2023.
    for (const bed of free()) {
      if (prng.next() >= plan.carriedIn) continue;
      const length = Math.round(prng.between(minLength, maxLength));
      const end = snap(BAND_START + prng.between(0.15, 0.85) * Math.min(length, 300 * DAY));
      bed.stays.push({
        category,
        start: Math.min(snap(end - length), -2 * 60),
        end,
        referringDistrictCode: randomDistrict(),
        fixed: true,
        dischargeReason: null,
      });
    }
    for (const bed of beds) {
      const head = bed.stays[0];
      if (head && head.end < YEAR_END)
        bed.windowStart = Math.max(bed.windowStart, snapForward(head.end + 60));
    }

    // Which beds end the year with a stay running into 2025.
    const tailBeds = beds.filter((b) => b.windowEnd === YEAR_END - 2 * 60 && prng.next() < plan.runningOut);
    const flexibleCount = newDistricts.length;
    const middleCount = flexibleCount - tailBeds.length;
    if (middleCount < 0) throw new Error(`${category}: too few stays for the beds`);

    const fixedUsed =
      beds.reduce((a, b) => a + b.stays.reduce((s, stay) => s + overlap(stay), 0), 0) +
      middleFixed.reduce((a, s) => a + (s.end - s.start), 0);
    const flexible = lengths(
      prng,
      flexibleCount,
      minLength,
      Math.min(maxLength, 340 * DAY),
      usedTarget - fixedUsed,
      category,
    );

    // Tails take some lengths; the rest (and the in-year stays beyond the norm) are packed into beds.
    const tails = new Map<Bed, number>();
    flexible.sort((a, b) => a - b);
    for (const bed of tailBeds) tails.set(bed, flexible.shift() ?? 0);
    const items: { length: number; fixed?: PlannedStay }[] = [
      ...flexible.map((length) => ({ length })),
      ...middleFixed.map((stay) => ({ length: stay.end - stay.start, fixed: stay })),
    ].sort((a, b) => b.length - a.length);
    const load = new Map<Bed, { length: number; fixed?: PlannedStay }[]>(beds.map((b) => [b, []]));
    const room = (bed: Bed) => {
      if (bed.windowEnd < 0) return -1;
      const assigned = load.get(bed) ?? [];
      const end = tails.has(bed) ? YEAR_END - (tails.get(bed) ?? 0) : bed.windowEnd;
      return (
        end - bed.windowStart - assigned.reduce((a, i) => a + i.length, 0) - (assigned.length + 1) * 4 * 60
      );
    };
    for (const item of items) {
      let best: Bed | undefined;
      let bestRoom = -Infinity;
      for (const bed of beds) {
        const r = room(bed);
        if (r > bestRoom) {
          bestRoom = r;
          best = bed;
        }
      }
      if (best && !item.fixed && bestRoom >= minLength && bestRoom < item.length) {
        // Too long for what is left: shortened; the exact fit below lengthens others instead.
        item.length = bestRoom;
      }
      if (!best || bestRoom < item.length) {
        throw new Error(
          `${category}: the stays do not fit in ${beds.length} places (${item.length / DAY} days, room ${bestRoom / DAY})`,
        );
      }
      load.get(best)?.push(item);
    }

    // Lay each bed's year out: gaps spread at random between its stays.
    const adjustable: { stay: PlannedStay; bed: Bed; index: number }[] = [];
    for (const bed of beds) {
      if (bed.windowEnd < 0) continue;
      const assigned = prng.shuffle(load.get(bed) ?? []);
      const tail = tails.get(bed);
      const end = tail === undefined ? bed.windowEnd : snap(YEAR_END - tail);
      const freeTime = end - bed.windowStart - assigned.reduce((a, i) => a + i.length, 0);
      const weights = Array.from({ length: assigned.length + 1 }, () => 0.2 + prng.next());
      const weightSum = weights.reduce((a, b) => a + b, 0);
      let cursor = bed.windowStart;
      assigned.forEach((item, i) => {
        const start = snapForward(Math.max(cursor, snap(cursor + (freeTime * weights[i]) / weightSum)));
        let stayEnd = snap(start + item.length);
        if (stayEnd <= start + 2 * 60) stayEnd = snap(start + item.length + 6 * 60);
        const stay: PlannedStay = item.fixed
          ? { ...item.fixed, start, end: stayEnd }
          : {
              category,
              start,
              end: stayEnd,
              referringDistrictCode: takeNewDistrict(),
              fixed: false,
              dischargeReason: null,
            };
        bed.stays.push(stay);
        if (!item.fixed) adjustable.push({ stay, bed, index: bed.stays.length - 1 });
        cursor = stayEnd;
      });
      if (tail !== undefined) {
        const start = Math.max(cursor + 60, end);
        const after = category === 'acute' ? prng.between(0.4, 0.9) : prng.between(3, 60);
        bed.stays.push({
          category,
          start: snapForward(start),
          end: snap(YEAR_END + after * DAY),
          referringDistrictCode: takeNewDistrict(),
          fixed: true,
          dischargeReason: null,
        });
      }
      const last = bed.stays.at(-1);
      if (last && tail === undefined && last.end > bed.windowEnd) {
        throw new Error(`${category}: a bed's stays run past its year`);
      }
    }
    if (newDistricts.length !== 0) throw new Error(`${category}: ${newDistricts.length} stays left unplaced`);

    // Exactly the target: lengthen or shorten ordinary stays, by whole days first, then minutes.
    const used = () => beds.reduce((a, b) => a + b.stays.reduce((s, stay) => s + overlap(stay), 0), 0);
    let diff = usedTarget - used();
    for (let round = 0; diff !== 0 && round < 50; round++) {
      prng.shuffle(adjustable);
      for (const { stay, bed, index } of adjustable) {
        if (diff === 0) break;
        const next = bed.stays[index + 1];
        const limit = (next ? next.start : bed.windowEnd) - 60;
        const length = stay.end - stay.start;
        const tod = timeOfDay(stay.end);
        let step: number;
        if (Math.abs(diff) >= DAY) {
          step = Math.sign(diff) * DAY;
        } else if (diff > 0) {
          step = Math.min(diff, BAND_END - tod);
        } else {
          step = -Math.min(-diff, tod - BAND_START);
        }
        if (step === 0) continue;
        const newEnd = stay.end + step;
        const newLength = length + step;
        if (newEnd > limit || newLength < minLength || newLength > maxLength || newEnd <= stay.start)
          continue;
        stay.end = newEnd;
        diff -= step;
      }
    }
    if (diff !== 0) throw new Error(`${category}: could not reach the target bed-days (${diff} minutes off)`);
    if (used() !== usedTarget) throw new Error(`${category}: bed-days drifted`);

    // Discharge reasons of the stays discharged in 2024.
    const stays = beds.flatMap((b) => b.stays.map((stay) => ({ stay, bed: b })));
    const dischargedIn2024 = prng.shuffle(stays.filter(({ stay }) => stay.end < YEAR_END));
    const take = (
      count: number,
      ok: (s: { stay: PlannedStay; bed: Bed }) => boolean,
      reason: DischargeReason,
    ) => {
      const chosen = dischargedIn2024.filter((s) => s.stay.dischargeReason === null && ok(s)).slice(0, count);
      if (chosen.length < count) throw new Error(`${category}: too few discharges for ${count} × ${reason}`);
      for (const s of chosen) s.stay.dischargeReason = reason;
    };
    take(UTENBYS_MOVES[category] ?? 0, (s) => s.stay.referringDistrictCode === 'utenbys', 'own-housing');
    take(
      (FIGURES_2024.movesToOwnHousing.byCategory[category as 'coping'] ?? 0) - (UTENBYS_MOVES[category] ?? 0),
      (s) => s.stay.referringDistrictCode !== 'utenbys',
      'own-housing',
    );
    take(
      FIGURES_2024.immediateDischarges.byCategory[category as 'coping'] ?? 0,
      (s) => !s.bed.unit.noImmediateDischarge && s.stay.referringDistrictCode !== 'utenbys',
      'immediate',
    );
    const others: DischargeReason[] = [
      'planned',
      'planned',
      'planned',
      'planned',
      'transfer',
      'dropout',
      'other',
    ];
    for (const { stay } of stays) {
      stay.dischargeReason ??=
        category === 'acute' ? prng.pick(['planned', 'transfer', 'planned']) : prng.pick(others);
    }
    for (const bed of beds) for (const stay of bed.stays) allStays.push({ stay, unitIndex: bed.unitIndex });

    constructed.byCategory[category] = {
      possibleBedDays: possible,
      blockedBedDays: blockedDays,
      usedBedDays: usedTarget / DAY,
    };
  }

  allStays.sort((a, b) => a.stay.start - b.stay.start || a.unitIndex - b.unitIndex);
  for (const { stay, unitIndex } of allStays) {
    year.stays.push({
      stayId: prng.uuid(),
      unitId: unitIds[unitIndex],
      referringDistrictCode: stay.referringDistrictCode,
      admittedAt: wallMinuteIso(stay.start),
      dischargedAt: wallMinuteIso(stay.end),
      dischargeReason: stay.dischargeReason ?? 'planned',
      plannedDischargeDate: '',
    });
  }
  return { year, constructed };
}
