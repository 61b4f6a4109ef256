/**
 * Shapes the dashboard reads from endpoints whose DTOs are not in @plass/contracts yet
 * (capacity units, history, utilisation report). Each is read tolerantly and normalised here, so a
 * field renamed while the endpoints land changes one function, not the pages.
 */
import type { DistrictCode, ProviderType, ServiceCategoryCode } from '@plass/domain';

type Json = Record<string, unknown>;

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

function pick(row: Json, ...names: string[]): unknown {
  for (const name of names) if (row[name] !== undefined) return row[name];
  return undefined;
}

/** One unit's live state, as `GET /api/capacity/units` lists it. */
export interface UnitAvailability {
  unitId: string;
  unitName: string;
  institutionId: string | null;
  institutionName: string | null;
  category: ServiceCategoryCode;
  providerType: ProviderType | null;
  districtCode: DistrictCode | null;
  capacity: number;
  occupied: number;
  blocked: number;
  reserved: number;
  available: number;
  occupancyRate: number | null;
  /** The unit's last change or census (ISO). */
  lastReportAt: string | null;
  /** No change and no census for longer than the limit (default 24 h). */
  stale: boolean;
}

export const STALE_REPORT_LIMIT_MS = 24 * 3600_000;

function isStale(lastReportAt: string | null, now: number): boolean {
  if (!lastReportAt) return true;
  return now - new Date(lastReportAt).getTime() > STALE_REPORT_LIMIT_MS;
}

export function toUnitAvailability(raw: unknown, now = Date.now()): UnitAvailability {
  const row = (raw ?? {}) as Json;
  const capacity = num(row.capacity) ?? 0;
  const occupied = num(row.occupied) ?? 0;
  const blocked = num(row.blocked) ?? 0;
  const reserved = num(row.reserved) ?? 0;
  const usable = capacity - blocked;
  const lastReportAt = str(pick(row, 'lastReportAt', 'lastReportedAt', 'lastChangeAt', 'updatedAt'));
  const stale = typeof row.stale === 'boolean' ? row.stale : isStale(lastReportAt, now);
  return {
    unitId: str(pick(row, 'unitId', 'id')) ?? '',
    unitName: str(pick(row, 'unitName', 'name')) ?? 'Uten navn',
    institutionId: str(row.institutionId),
    institutionName: str(row.institutionName),
    category: (str(row.category) ?? 'acute') as ServiceCategoryCode,
    providerType: str(row.providerType) as ProviderType | null,
    districtCode: str(row.districtCode) as DistrictCode | null,
    capacity,
    occupied,
    blocked,
    reserved,
    available: num(row.available) ?? capacity - occupied - blocked - reserved,
    occupancyRate: num(row.occupancyRate) ?? (usable > 0 ? occupied / usable : null),
    lastReportAt,
    stale,
  };
}

/** The list endpoint answers an array, or an object holding one (`units`, `items`). */
export function toUnitAvailabilityList(body: unknown): UnitAvailability[] {
  const rows = Array.isArray(body) ? body : (pick((body ?? {}) as Json, 'units', 'items', 'data') ?? []);
  return Array.isArray(rows) ? rows.map((row) => toUnitAvailability(row)) : [];
}

/** One point of `GET /api/capacity/history`. */
export interface HistoryPoint {
  at: string;
  capacity: number | null;
  occupied: number | null;
  available: number | null;
  occupancyRate: number | null;
}

export function toHistory(body: unknown): HistoryPoint[] {
  const rows = Array.isArray(body) ? body : pick((body ?? {}) as Json, 'points', 'series', 'items', 'data');
  if (!Array.isArray(rows)) return [];
  return rows
    .map((raw) => {
      const row = (raw ?? {}) as Json;
      const totals = (typeof row.totals === 'object' && row.totals !== null ? row.totals : row) as Json;
      const capacity = num(totals.capacity);
      const occupied = num(totals.occupied);
      const blocked = num(totals.blocked) ?? 0;
      const usable = capacity === null ? null : capacity - blocked;
      return {
        at: str(pick(row, 'start', 'at', 'time', 'bucket', 'from', 'timestamp')) ?? '',
        capacity,
        occupied,
        available: num(totals.available),
        occupancyRate:
          num(totals.occupancyRate) ??
          (usable !== null && usable > 0 && occupied !== null ? occupied / usable : null),
      };
    })
    .filter((point) => point.at !== '');
}

/** One row of `GET /api/capacity/reports/utilization?format=json`. */
export interface UtilizationRow {
  key: string;
  label: string;
  possibleBedDays: number | null;
  usedBedDays: number | null;
  blockedBedDays: number | null;
  unusedBedDays: number | null;
  occupancyRate: number | null;
}

function toUtilizationRow(raw: unknown, fallbackKey = ''): UtilizationRow {
  const row = (raw ?? {}) as Json;
  const key =
    str(pick(row, 'key', 'group', 'id', 'category', 'institutionId', 'providerType', 'districtCode')) ??
    fallbackKey;
  return {
    key,
    label: str(pick(row, 'name', 'label', 'groupName')) ?? key,
    possibleBedDays: num(pick(row, 'possibleBedDays', 'possible')),
    usedBedDays: num(pick(row, 'usedBedDays', 'used')),
    blockedBedDays: num(pick(row, 'blockedBedDays', 'blocked')),
    unusedBedDays: num(pick(row, 'unusedBedDays', 'unused')),
    occupancyRate: num(pick(row, 'occupancyRate', 'rate')),
  };
}

export interface UtilizationReport {
  rows: UtilizationRow[];
  total: UtilizationRow | null;
}

/** `{ groups: [...], total }` (or a bare array of rows). */
export function toUtilizationReport(body: unknown): UtilizationReport {
  const wrapped = (body ?? {}) as Json;
  const rows = Array.isArray(body) ? body : pick(wrapped, 'groups', 'rows', 'items', 'data');
  const total = Array.isArray(body) ? undefined : wrapped.total;
  return {
    rows: Array.isArray(rows) ? rows.map((row) => toUtilizationRow(row)) : [],
    total:
      total && typeof total === 'object' ? { ...toUtilizationRow(total, 'total'), label: 'Totalt' } : null,
  };
}
