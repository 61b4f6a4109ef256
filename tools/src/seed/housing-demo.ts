/**
 * Demo data for supported housing (boliger) and the districts' housing need, loaded through the
 * gateway's REST API as admin, so every dwelling and need flows through Kafka like real use.
 *
 * Figures from shared/domain/OSLO.md (docs/decisions/0024):
 * - Dwellings: SCALED DOWN, 1 demo dwelling per 50 municipal dwellings (11,412 at 31.12.2024 → 228),
 *   split across the 15 districts in proportion to each district's municipal dwellings. The mix of
 *   types and statuses within a district is ILLUSTRATIVE: the sources publish no such split.
 * - The framework agreement "bolig med oppfølging": all 98 places as dwellings of type
 *   `framework-agreement`, 74 of them occupied, NOT scaled. The agreement is city-wide, but a dwelling
 *   needs an owning district: the places are spread over the districts in proportion to their 2024
 *   housing need (the districts that place residents in them), and so are the 74 occupied.
 * - Housing need: each district's 2024 total (substance + substance/mental health, 1,109 households in
 *   all) exactly. The sources split only the city-wide 983 households recommended municipal rental by
 *   type; each district's total is spread over housing types in those city-wide proportions, so THE
 *   PER-DISTRICT SPLIT BY TYPE IS ILLUSTRATIVE. Mapping onto our housing types: ordinary 136 + ordinary
 *   not wholly owned 94 → `ordinary`; ordinary in a tolerant environment 187 → `ordinary-close-follow-up`;
 *   small houses 10 → `small-house`; clustered with staff base, partial staffing shielded 198 + partial
 *   ordinary 170 + new group 18 → `cluster-staffed-partial`; 24-hour staffing 170 → `cluster-staffed-24h`.
 *
 * Deterministic: the same dwellings, statuses and needs every time (reservation end dates are counted
 * from the day of loading).
 */
import { signDevToken } from '@plass/auth';
import {
  changeHousingStatus,
  listHousingUnits,
  registerHousingUnit,
  updateHousingNeed,
  type HousingUnavailableReason,
} from '@plass/contracts';
import { HOUSING_TYPES, type DistrictCode, type HousingStatus, type HousingType } from '@plass/domain';
import { contractApi } from '@plass/testing';

/** One demo dwelling stands for this many municipal dwellings. */
export const DWELLINGS_PER_DEMO_UNIT = 50;

/** Municipal dwellings per district, 31.12.2024 (Boligbygg; 11,412 in all). */
export const MUNICIPAL_DWELLINGS_2024: Record<string, number> = {
  '030112': 843, // Alna
  '030109': 443, // Bjerke
  '030105': 638, // Frogner
  '030101': 1711, // Gamle Oslo
  '030110': 507, // Grorud
  '030102': 1316, // Grünerløkka
  '030108': 457, // Nordre Aker
  '030114': 432, // Nordstrand
  '030103': 2099, // Sagene
  '030104': 443, // St. Hanshaugen
  '030111': 598, // Stovner
  '030115': 474, // Søndre Nordstrand
  '030106': 216, // Ullern
  '030107': 457, // Vestre Aker
  '030113': 776, // Østensjø
};

/** Households with substance / substance + mental-health problems needing housing, week 48 of 2024. */
export const HOUSING_NEED_2024: Record<string, { substance: number; substanceAndMental: number }> = {
  '030112': { substance: 18, substanceAndMental: 41 }, // Alna
  '030109': { substance: 29, substanceAndMental: 28 }, // Bjerke
  '030105': { substance: 30, substanceAndMental: 65 }, // Frogner
  '030101': { substance: 28, substanceAndMental: 126 }, // Gamle Oslo
  '030110': { substance: 19, substanceAndMental: 58 }, // Grorud
  '030102': { substance: 28, substanceAndMental: 87 }, // Grünerløkka
  '030108': { substance: 5, substanceAndMental: 39 }, // Nordre Aker
  '030114': { substance: 13, substanceAndMental: 35 }, // Nordstrand
  '030103': { substance: 33, substanceAndMental: 63 }, // Sagene
  '030104': { substance: 10, substanceAndMental: 54 }, // St. Hanshaugen
  '030111': { substance: 17, substanceAndMental: 74 }, // Stovner
  '030115': { substance: 27, substanceAndMental: 56 }, // Søndre Nordstrand
  '030106': { substance: 6, substanceAndMental: 12 }, // Ullern
  '030107': { substance: 20, substanceAndMental: 23 }, // Vestre Aker
  '030113': { substance: 31, substanceAndMental: 34 }, // Østensjø
};

/** The city-wide 2024 split of the 983 households recommended municipal rental, mapped onto our types. */
export const CITY_NEED_BY_TYPE_2024: Record<HousingType, number> = {
  ordinary: 136 + 94,
  'ordinary-close-follow-up': 187,
  'small-house': 10,
  'cluster-staffed-partial': 198 + 170 + 18,
  'cluster-staffed-24h': 170,
  transitional: 0,
  'framework-agreement': 0,
};

export const FRAMEWORK_AGREEMENT = { places: 98, occupied: 74 };

/** Illustrative mix of municipal dwelling types (framework-agreement dwellings are added separately). */
const DWELLING_TYPE_MIX: [HousingType, number][] = [
  ['ordinary', 55],
  ['ordinary-close-follow-up', 15],
  ['small-house', 3],
  ['cluster-staffed-partial', 12],
  ['cluster-staffed-24h', 7],
  ['transitional', 8],
];

/** Illustrative status mix: municipal housing is nearly always let. */
const STATUS_MIX: [HousingStatus, number][] = [
  ['vacant', 7],
  ['reserved', 3],
  ['unavailable', 5],
  ['occupied', 85],
];

const UNAVAILABLE_REASONS: HousingUnavailableReason[] = ['renovation', 'damage', 'other-use'];

export interface DemoDwelling {
  districtCode: DistrictCode;
  type: HousingType;
  label: string;
  status: HousingStatus;
  reason?: HousingUnavailableReason;
  /** Days from loading until a reservation lapses. */
  reservedForDays?: number;
}

export interface HousingDemoPlan {
  dwellings: DemoDwelling[];
  needs: { districtCode: DistrictCode; needs: Record<HousingType, number> }[];
}

/**
 * Splits `total` into whole numbers in proportion to `weights` (largest remainder; ties go to the
 * earlier entry), so the parts always add up to the total.
 */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((t, w) => t + w, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((t, p) => t + p, 0);
  const byRemainder = exact
    .map((x, i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts;
}

/** `[a, a, b, c, c]` → `[a, b, c, a, c]`: one of each kind in turn, so statuses spread over all types. */
function roundRobin<T>(groups: T[][]): T[] {
  const out: T[] = [];
  for (let round = 0; out.length < groups.reduce((n, g) => n + g.length, 0); round++) {
    for (const group of groups) if (round < group.length) out.push(group[round]);
  }
  return out;
}

const repeat = <T>(value: T, times: number): T[] => Array.from({ length: times }, () => value);

/** The whole demo: every dwelling with its status, and every district's need. */
export function housingDemoPlan(): HousingDemoPlan {
  const districts = Object.keys(MUNICIPAL_DWELLINGS_2024) as DistrictCode[];
  const totalDwellings = districts.reduce((t, d) => t + MUNICIPAL_DWELLINGS_2024[d], 0);
  const perDistrict = apportion(
    Math.round(totalDwellings / DWELLINGS_PER_DEMO_UNIT),
    districts.map((d) => MUNICIPAL_DWELLINGS_2024[d]),
  );
  const needTotal = (d: DistrictCode) =>
    HOUSING_NEED_2024[d].substance + HOUSING_NEED_2024[d].substanceAndMental;
  const frameworkPlaces = apportion(FRAMEWORK_AGREEMENT.places, districts.map(needTotal));
  const frameworkOccupied = apportion(FRAMEWORK_AGREEMENT.occupied, frameworkPlaces);

  const dwellings: DemoDwelling[] = [];
  districts.forEach((districtCode, d) => {
    const number = districtCode.slice(4);
    const typeCounts = apportion(
      perDistrict[d],
      DWELLING_TYPE_MIX.map(([, w]) => w),
    );
    const types = roundRobin(DWELLING_TYPE_MIX.map(([type], i) => repeat(type, typeCounts[i])));
    const statusCounts = apportion(
      types.length,
      STATUS_MIX.map(([, w]) => w),
    );
    const statuses = STATUS_MIX.flatMap(([status], i) => repeat(status, statusCounts[i]));
    types.forEach((type, i) => {
      const status = statuses[i];
      dwellings.push({
        districtCode,
        type,
        label: `B${number}-${String(i + 1).padStart(3, '0')}`,
        status,
        ...(status === 'unavailable' ? { reason: UNAVAILABLE_REASONS[i % UNAVAILABLE_REASONS.length] } : {}),
        ...(status === 'reserved' ? { reservedForDays: 3 + (i % 10) } : {}),
      });
    });
    for (let i = 0; i < frameworkPlaces[d]; i++) {
      dwellings.push({
        districtCode,
        type: 'framework-agreement',
        label: `RA${number}-${String(i + 1).padStart(3, '0')}`,
        status: i < frameworkOccupied[d] ? 'occupied' : 'vacant',
      });
    }
  });

  const weights = HOUSING_TYPES.map((type) => CITY_NEED_BY_TYPE_2024[type]);
  const needs = districts.map((districtCode) => {
    const split = apportion(needTotal(districtCode), weights);
    return {
      districtCode,
      needs: Object.fromEntries(HOUSING_TYPES.map((type, i) => [type, split[i]])) as Record<
        HousingType,
        number
      >,
    };
  });
  return { dwellings, needs };
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

/** Loads the housing demo unless some dwelling is already registered; returns a one-line summary. */
export async function seedHousingDemo(
  gatewayUrl: string,
  options: { onProgress?: (message: string) => void } = {},
): Promise<string> {
  const api = contractApi(
    gatewayUrl,
    await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null, sub: 'demo-seed' }),
  );
  const existing = await api.call(listHousingUnits, {});
  if (existing.length > 0) return `housing demo data already loaded (${existing.length} dwellings)`;

  const plan = housingDemoPlan();
  const now = Date.now();
  await inParallel(plan.dwellings, 4, async (dwelling) => {
    const unit = await api.call(registerHousingUnit, {
      body: { districtCode: dwelling.districtCode, type: dwelling.type, label: dwelling.label },
    });
    if (dwelling.status === 'vacant') return;
    await api.call(changeHousingStatus, {
      params: { id: unit.id },
      body: {
        status: dwelling.status,
        ...(dwelling.reason ? { reason: dwelling.reason } : {}),
        ...(dwelling.reservedForDays
          ? { reservedUntil: new Date(now + dwelling.reservedForDays * 86_400_000).toISOString() }
          : {}),
      },
    });
  });
  const framework = plan.dwellings.filter((d) => d.type === 'framework-agreement');
  options.onProgress?.(
    `${plan.dwellings.length} dwellings registered (${plan.dwellings.length - framework.length} municipal, ` +
      `${framework.length} framework agreement)`,
  );

  for (const { districtCode, needs } of plan.needs) {
    await api.call(updateHousingNeed, { params: { districtCode }, body: { needs } });
  }
  const households = plan.needs.reduce((t, n) => t + Object.values(n.needs).reduce((s, v) => s + v, 0), 0);
  const occupied = plan.dwellings.filter((d) => d.status === 'occupied').length;
  const vacant = plan.dwellings.filter((d) => d.status === 'vacant').length;
  return (
    `housing demo data loaded: ${plan.dwellings.length} dwellings (${occupied} occupied, ${vacant} vacant; ` +
    `1 per ${DWELLINGS_PER_DEMO_UNIT} municipal dwellings + ${framework.length} framework agreement), ` +
    `housing need of ${households} households in ${plan.needs.length} districts`
  );
}
