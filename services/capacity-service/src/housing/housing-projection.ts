/**
 * The pure part of the housing read model: applies housing.availability.v1 events by the per-aggregate
 * sequence rule (a dwelling's events by its id, a district's need by `need:<districtCode>`), and says
 * which districts changed. Supply counts per district and type are built here from stored counts.
 */
import {
  HOUSING_NEED_CHANGED,
  housingKey,
  housingNeedChanged,
  housingUnitStatusChanged,
  HOUSING_UNIT_STATUS_CHANGED,
  ContractViolation,
  type HousingByType,
  type HousingChangedData,
  type HousingNeedChangedEvent,
  type HousingNeeds,
  type HousingSupply,
  type HousingUnitStatusChangedEvent,
} from '@plass/contracts';
import {
  districtName,
  HOUSING_TYPES,
  type DistrictCode,
  type HousingStatus,
  type HousingType,
} from '@plass/domain';

export type HousingEvent = HousingUnitStatusChangedEvent | HousingNeedChangedEvent;

/** Parses any message of housing.availability.v1 by its type; anything else is poison (DLQ). */
export function parseHousingEvent(value: unknown): HousingEvent {
  const type = (value as { type?: unknown } | null)?.type;
  if (type === HOUSING_UNIT_STATUS_CHANGED) return housingUnitStatusChanged.parse(value);
  if (type === HOUSING_NEED_CHANGED) return housingNeedChanged.parse(value);
  throw new ContractViolation(
    `type must be ${HOUSING_UNIT_STATUS_CHANGED} or ${HOUSING_NEED_CHANGED}; got ${JSON.stringify(type)}`,
  );
}

export interface HousingUnitState {
  housingUnitId: string;
  districtCode: DistrictCode;
  type: HousingType;
  status: HousingStatus;
  sequence: number;
  lastChangeAt: string;
}

export interface HousingNeedState {
  districtCode: DistrictCode;
  needs: HousingNeeds;
  sequence: number;
  updatedAt: string;
}

export interface HousingProjection {
  units: HousingUnitState[];
  needs: HousingNeedState[];
  /** Districts whose supply or need changed, sorted (the order their versions are locked in). */
  districts: DistrictCode[];
  applied: HousingEvent[];
  skipped: HousingEvent[];
}

export function isNeedEvent(event: HousingEvent): event is HousingNeedChangedEvent {
  return event.type === HOUSING_NEED_CHANGED;
}

export function projectHousing(
  currentUnits: ReadonlyMap<string, HousingUnitState>,
  currentNeedSequences: ReadonlyMap<DistrictCode, number>,
  events: HousingEvent[],
): HousingProjection {
  const units = new Map(currentUnits);
  const needSequences = new Map(currentNeedSequences);
  const changedUnits = new Map<string, HousingUnitState>();
  const needs = new Map<DistrictCode, HousingNeedState>();
  const districts = new Set<DistrictCode>();
  const applied: HousingEvent[] = [];
  const skipped: HousingEvent[] = [];

  for (const event of events) {
    if (isNeedEvent(event)) {
      const { districtCode } = event.data;
      if ((needSequences.get(districtCode) ?? 0) >= event.sequence) {
        skipped.push(event);
        continue;
      }
      needSequences.set(districtCode, event.sequence);
      needs.set(districtCode, {
        districtCode,
        needs: event.data.needs,
        sequence: event.sequence,
        updatedAt: event.time,
      });
      districts.add(districtCode);
    } else {
      const before = units.get(event.subject);
      if (before && before.sequence >= event.sequence) {
        skipped.push(event);
        continue;
      }
      const after: HousingUnitState = {
        housingUnitId: event.data.housingUnitId,
        districtCode: event.data.districtCode,
        type: event.data.type,
        status: event.data.status,
        sequence: event.sequence,
        lastChangeAt: event.time,
      };
      units.set(after.housingUnitId, after);
      changedUnits.set(after.housingUnitId, after);
      if (before) districts.add(before.districtCode);
      districts.add(after.districtCode);
    }
    applied.push(event);
  }

  return {
    units: [...changedUnits.values()],
    needs: [...needs.values()],
    districts: [...districts].sort(),
    applied,
    skipped,
  };
}

export const ZERO_SUPPLY: HousingSupply = { vacant: 0, reserved: 0, occupied: 0, unavailable: 0, need: 0 };

export function emptyByType(): HousingByType {
  return Object.fromEntries(HOUSING_TYPES.map((t) => [t, { ...ZERO_SUPPLY }])) as HousingByType;
}

export function supplyTotals(byType: HousingByType): HousingSupply {
  return HOUSING_TYPES.reduce(
    (sum, t) => ({
      vacant: sum.vacant + byType[t].vacant,
      reserved: sum.reserved + byType[t].reserved,
      occupied: sum.occupied + byType[t].occupied,
      unavailable: sum.unavailable + byType[t].unavailable,
      need: sum.need + byType[t].need,
    }),
    ZERO_SUPPLY,
  );
}

export interface StatusCount {
  districtCode: DistrictCode;
  type: HousingType;
  status: HousingStatus;
  count: number;
}

export interface NeedCount {
  districtCode: DistrictCode;
  type: HousingType;
  households: number;
}

/** Supply against need per district and type, from dwelling counts by status and registered need. */
export function supplyByDistrict(
  statusCounts: StatusCount[],
  needCounts: NeedCount[],
): Map<DistrictCode, HousingByType> {
  const byDistrict = new Map<DistrictCode, HousingByType>();
  const of = (district: DistrictCode) => {
    let byType = byDistrict.get(district);
    if (!byType) byDistrict.set(district, (byType = emptyByType()));
    return byType;
  };
  for (const c of statusCounts) of(c.districtCode)[c.type][c.status] += c.count;
  for (const n of needCounts) of(n.districtCode)[n.type].need += n.households;
  return byDistrict;
}

/** Adds up several districts' supply per type (the city). */
export function sumByType(all: HousingByType[]): HousingByType {
  const sum = emptyByType();
  for (const byType of all) {
    for (const t of HOUSING_TYPES) {
      sum[t].vacant += byType[t].vacant;
      sum[t].reserved += byType[t].reserved;
      sum[t].occupied += byType[t].occupied;
      sum[t].unavailable += byType[t].unavailable;
      sum[t].need += byType[t].need;
    }
  }
  return sum;
}

export function housingChangedData(
  districtCode: DistrictCode,
  byType: HousingByType,
  version: number,
  updatedAt: Date,
): HousingChangedData {
  return {
    key: housingKey(districtCode),
    districtCode,
    name: districtName(districtCode),
    byType,
    totals: supplyTotals(byType),
    version,
    updatedAt: updatedAt.toISOString(),
  };
}
