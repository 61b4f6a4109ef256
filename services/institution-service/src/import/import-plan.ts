/**
 * Validates an import's rows one by one against the contract's row schemas, each other and what the
 * database already holds (ADR 0217), and plans what to apply per unit. Pure: the database's state comes in
 * as `ExistingState`, so the rules are tested without one.
 */
import {
  IMPORT_FILES,
  IMPORT_ROW_SCHEMAS,
  importRefusalText,
  type ImportBlockRow,
  type ImportCapacityRow,
  type ImportFile,
  type ImportFileCountsDto,
  type ImportRefusalCode,
  type ImportRefusalDto,
  type ImportRefusalParams,
  type ImportStayRow,
  type ImportUnitRow,
} from '@plass/contracts';
import type { DistrictCode, ProviderType, ServiceCategoryCode } from '@plass/domain';
import type { CsvFile } from './csv';

export interface ExistingInstitution {
  id: string;
  name: string;
  providerType: ProviderType;
  districtCode: DistrictCode;
}

export interface ExistingUnit {
  id: string;
  institutionId: string;
  name: string;
  category: ServiceCategoryCode;
  closed: boolean;
  closedAt: Date | null;
  /** Set for units an import registered; null for units registered through the API. */
  openedAt: Date | null;
  /** The time of its latest recorded capacity change, if any. */
  lastCapacityAt: Date | null;
}

export interface ExistingStay {
  unitId: string;
  referringDistrictCode: string;
  admittedAt: Date;
  dischargedAt: Date | null;
  dischargeReason: string | null;
  plannedDischargeDate: string | null;
}

export interface ExistingBlock {
  unitId: string;
  places: number;
  reason: string | null;
  from: Date;
  /** When it was released, else when it is due to end; null for an open block without end. */
  to: Date | null;
}

/** What the database holds that the files' rows are compared with. */
export interface ExistingState {
  institutions: ReadonlyMap<string, ExistingInstitution>;
  /** Every unit (a few hundred): the referenced ones and the open names of their institutions. */
  units: ReadonlyMap<string, ExistingUnit>;
  /** The stays and blocks whose ids the files name. */
  stays: ReadonlyMap<string, ExistingStay>;
  blocks: ReadonlyMap<string, ExistingBlock>;
  /** Recorded capacity changes of the referenced units by `unitId@epochMs`: the capacity from then. */
  capacityAt: ReadonlyMap<string, number>;
}

export type Line<T> = T & { line: number };

/** What is new for one unit, in file order; the unit's events are made from it when it is applied. */
export interface UnitPlan {
  unitId: string;
  /** Present when units.csv registers the unit (it is not in the database yet). */
  register?: Line<ImportUnitRow> & { registrationCapacity: number; institutionIsNew: boolean };
  capacity: Line<ImportCapacityRow>[];
  stays: Line<ImportStayRow>[];
  blocks: Line<ImportBlockRow>[];
}

export interface ImportPlan {
  counts: Record<ImportFile, ImportFileCountsDto>;
  /** In file order (units, capacity, stays, blocks), then line order. */
  refusals: ImportRefusalDto[];
  /** Units with something new, in the order units.csv and then the other files first name them. */
  units: UnitPlan[];
}

export const capacityKey = (unitId: string, from: Date) => `${unitId}@${from.getTime()}`;

/** How names are compared (ADR 0179): letter case, spaces around and runs of whitespace aside. */
export function nameKey(name: string): string {
  return name
    .replace(/[\s\u00a0\u2007\u202f]+/g, ' ')
    .trim()
    .toLowerCase();
}

const iso = (d: Date) => d.toISOString();
const sameTime = (a: Date | null | undefined, b: Date | null | undefined) =>
  (a?.getTime() ?? null) === (b?.getTime() ?? null);

class Refused extends Error {
  constructor(
    readonly code: ImportRefusalCode,
    readonly params: ImportRefusalParams,
  ) {
    super(importRefusalText({ code, params }, 'en'));
  }
}
function refuse(code: ImportRefusalCode, params: ImportRefusalParams): never {
  throw new Refused(code, params);
}

/** The first issue of a failed zod parse: its field and message (never the cell's value: it may be anything). */
function schemaProblem(issues: readonly { path: PropertyKey[]; message: string }[]): ImportRefusalParams {
  const issue = issues[0];
  return { field: issue.path.map(String).join('.'), detail: issue.message };
}

interface KnownUnit {
  openedAt: Date | null;
  closedAt: Date | null;
  lastCapacityAt: Date | null;
  plan: UnitPlan;
}

export function planImport(files: readonly CsvFile[], existing: ExistingState, now: Date): ImportPlan {
  const counts = Object.fromEntries(
    IMPORT_FILES.map((f) => [f, { total: 0, applied: 0, unchanged: 0, refused: 0 }]),
  ) as Record<ImportFile, ImportFileCountsDto>;
  const refusals: ImportRefusalDto[] = [];
  const plans = new Map<string, UnitPlan>();
  /** Units refused in units.csv, with the line, so that their rows elsewhere say why they are refused. */
  const refusedUnits = new Map<string, number>();
  /** Units of units.csv accepted (new or unchanged). */
  const usableUnits = new Set<string>();
  /** Units new in units.csv, accepted. */
  const newUnits = new Map<string, KnownUnit>();

  const byFile = new Map(files.map((f) => [f.file, f]));

  /** Runs one row's checks: refused (with its reason) or unchanged or new, counted for its file. */
  function each<T>(file: ImportFile, check: (row: T, line: number) => 'unchanged' | 'new'): void {
    const csv = byFile.get(file);
    if (!csv) return;
    for (const { line, values } of csv.rows) {
      counts[file].total += 1;
      try {
        if (csv.headerProblem) refuse('HEADER_MISSING_COLUMNS', csv.headerProblem);
        const parsed = IMPORT_ROW_SCHEMAS[file].safeParse(values);
        if (!parsed.success) refuse('INVALID_VALUE', schemaProblem(parsed.error.issues));
        const outcome = check(parsed.data as T, line);
        if (outcome === 'unchanged') counts[file].unchanged += 1;
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        counts[file].refused += 1;
        refusals.push({ file, line, code: error.code, params: error.params, reason: error.message });
        // The other files' rows of a refused unit say why they are refused; a repeated line of a unit
        // whose first line was good does not undo it.
        const unitId = values.unitId;
        if (file === 'units' && unitId && !usableUnits.has(unitId) && !refusedUnits.has(unitId)) {
          refusedUnits.set(unitId, line);
        }
      }
    }
  }

  const planOf = (unitId: string): UnitPlan => {
    let plan = plans.get(unitId);
    if (!plan) {
      plan = { unitId, capacity: [], stays: [], blocks: [] };
      plans.set(unitId, plan);
    }
    return plan;
  };

  /** The unit a capacity, stay or block row belongs to, or the reason it cannot be used. */
  function knownUnit(unitId: string): KnownUnit {
    const refusedAt = refusedUnits.get(unitId);
    if (refusedAt !== undefined) refuse('UNIT_REFUSED', { unitId, line: String(refusedAt) });
    const fresh = newUnits.get(unitId);
    if (fresh) return fresh;
    const stored = existing.units.get(unitId);
    if (!stored) refuse('UNIT_UNKNOWN', { unitId });
    return {
      openedAt: stored.openedAt,
      closedAt: stored.closedAt,
      lastCapacityAt: stored.lastCapacityAt,
      get plan() {
        return planOf(unitId);
      },
    };
  }

  function within(unit: KnownUnit, unitId: string, field: string, at: Date): void {
    if (at.getTime() > now.getTime()) refuse('IN_FUTURE', { field, at: iso(at) });
    if (unit.openedAt && at.getTime() < unit.openedAt.getTime()) {
      refuse('BEFORE_UNIT_OPENED', { field, at: iso(at), unitId, openedAt: iso(unit.openedAt) });
    }
    if (unit.closedAt && at.getTime() > unit.closedAt.getTime()) {
      refuse('AFTER_UNIT_CLOSED', { field, at: iso(at), unitId, closedAt: iso(unit.closedAt) });
    }
  }

  // units.csv: institutions found or created, units registered or found unchanged.
  const institutions = new Map<string, { values: ExistingInstitution; line: number | null }>(
    [...existing.institutions.values()].map((i) => [i.id, { values: i, line: null }]),
  );
  const institutionNames = new Map([...existing.institutions.values()].map((i) => [nameKey(i.name), i.id]));
  const unitNames = new Map(
    [...existing.units.values()]
      .filter((u) => !u.closed)
      .map((u) => [`${u.institutionId}|${nameKey(u.name)}`, u.id]),
  );
  const unitLines = new Map<string, number>();

  each<ImportUnitRow>('units', (row, line) => {
    const seen = unitLines.get(row.unitId);
    if (seen !== undefined) refuse('DUPLICATE_ID', { field: 'unitId', id: row.unitId, line: String(seen) });
    unitLines.set(row.unitId, line);
    if (row.openedAt.getTime() > now.getTime()) {
      refuse('IN_FUTURE', { field: 'openedAt', at: iso(row.openedAt) });
    }
    const known = institutions.get(row.institutionId);
    if (known) {
      const v = known.values;
      if (
        v.name !== row.institutionName ||
        v.providerType !== row.providerType ||
        v.districtCode !== row.districtCode
      ) {
        if (known.line === null) refuse('INSTITUTION_EXISTS_DIFFERENT', { institutionId: row.institutionId });
        refuse('INSTITUTION_ON_LINE_DIFFERENT', {
          institutionId: row.institutionId,
          line: String(known.line),
        });
      }
    } else {
      const holder = institutionNames.get(nameKey(row.institutionName));
      if (holder) refuse('INSTITUTION_NAME_TAKEN', { holderId: holder, institutionId: row.institutionId });
    }
    const stored = existing.units.get(row.unitId);
    if (stored) {
      if (
        stored.institutionId !== row.institutionId ||
        stored.name !== row.unitName ||
        stored.category !== row.category ||
        !sameTime(stored.openedAt, row.openedAt)
      ) {
        refuse('UNIT_EXISTS_DIFFERENT', { unitId: row.unitId });
      }
      usableUnits.add(row.unitId);
      return 'unchanged';
    }
    const nameHolder = unitNames.get(`${row.institutionId}|${nameKey(row.unitName)}`);
    if (nameHolder) {
      refuse('UNIT_NAME_TAKEN', {
        holderId: nameHolder,
        institutionId: row.institutionId,
        unitId: row.unitId,
      });
    }
    // Accepted: the institution and the name are taken from here on.
    const institutionIsNew = !known;
    if (!known) {
      institutions.set(row.institutionId, {
        values: {
          id: row.institutionId,
          name: row.institutionName,
          providerType: row.providerType,
          districtCode: row.districtCode,
        },
        line,
      });
      institutionNames.set(nameKey(row.institutionName), row.institutionId);
    }
    unitNames.set(`${row.institutionId}|${nameKey(row.unitName)}`, row.unitId);
    const plan = planOf(row.unitId);
    plan.register = { ...row, line, registrationCapacity: 0, institutionIsNew };
    usableUnits.add(row.unitId);
    newUnits.set(row.unitId, { openedAt: row.openedAt, closedAt: null, lastCapacityAt: null, plan });
    return 'new';
  });

  // capacity.csv: a unit's approved places from a time on.
  const capacityLines = new Map<string, number>();
  each<ImportCapacityRow>('capacity', (row, line) => {
    const key = capacityKey(row.unitId, row.from);
    const seen = capacityLines.get(key);
    if (seen !== undefined)
      refuse('CAPACITY_DUPLICATE', { unitId: row.unitId, from: iso(row.from), line: String(seen) });
    const unit = knownUnit(row.unitId);
    capacityLines.set(key, line);
    within(unit, row.unitId, 'from', row.from);
    const stored = existing.capacityAt.get(key);
    if (stored !== undefined) {
      if (stored !== row.capacity)
        refuse('CAPACITY_EXISTS_DIFFERENT', { unitId: row.unitId, from: iso(row.from) });
      return 'unchanged';
    }
    if (unit.lastCapacityAt && row.from.getTime() <= unit.lastCapacityAt.getTime()) {
      refuse('CAPACITY_NOT_AFTER_LAST', {
        unitId: row.unitId,
        from: iso(row.from),
        lastAt: iso(unit.lastCapacityAt),
      });
    }
    const plan = unit.plan;
    if (plan.register && row.from.getTime() === plan.register.openedAt.getTime()) {
      plan.register.registrationCapacity = row.capacity;
    }
    plan.capacity.push({ ...row, line });
    return 'new';
  });

  // stays.csv
  const stayLines = new Map<string, number>();
  each<ImportStayRow>('stays', (row, line) => {
    const seen = stayLines.get(row.stayId);
    if (seen !== undefined) refuse('DUPLICATE_ID', { field: 'stayId', id: row.stayId, line: String(seen) });
    stayLines.set(row.stayId, line);
    const unit = knownUnit(row.unitId);
    within(unit, row.unitId, 'admittedAt', row.admittedAt);
    if (row.dischargedAt) within(unit, row.unitId, 'dischargedAt', row.dischargedAt);
    else if (unit.closedAt) refuse('STAY_OPEN_UNIT_CLOSED', { stayId: row.stayId, unitId: row.unitId });
    const stored = existing.stays.get(row.stayId);
    if (stored) {
      const same =
        stored.unitId === row.unitId &&
        stored.referringDistrictCode === row.referringDistrictCode &&
        sameTime(stored.admittedAt, row.admittedAt) &&
        sameTime(stored.dischargedAt, row.dischargedAt) &&
        (stored.dischargeReason ?? undefined) === row.dischargeReason &&
        (stored.plannedDischargeDate ?? undefined) === row.plannedDischargeDate;
      if (!same) refuse('STAY_EXISTS_DIFFERENT', { stayId: row.stayId });
      return 'unchanged';
    }
    unit.plan.stays.push({ ...row, line });
    return 'new';
  });

  // blocks.csv
  const blockLines = new Map<string, number>();
  each<ImportBlockRow>('blocks', (row, line) => {
    const seen = blockLines.get(row.blockId);
    if (seen !== undefined) refuse('DUPLICATE_ID', { field: 'blockId', id: row.blockId, line: String(seen) });
    blockLines.set(row.blockId, line);
    const unit = knownUnit(row.unitId);
    within(unit, row.unitId, 'from', row.from);
    if (unit.closedAt && (!row.to || row.to.getTime() > unit.closedAt.getTime())) {
      refuse('BLOCK_BEYOND_CLOSING', { blockId: row.blockId, unitId: row.unitId });
    }
    const stored = existing.blocks.get(row.blockId);
    if (stored) {
      const same =
        stored.unitId === row.unitId &&
        stored.places === row.places &&
        stored.reason === row.reason &&
        sameTime(stored.from, row.from) &&
        sameTime(stored.to, row.to);
      if (!same) refuse('BLOCK_EXISTS_DIFFERENT', { blockId: row.blockId });
      return 'unchanged';
    }
    unit.plan.blocks.push({ ...row, line });
    return 'new';
  });

  const order = new Map(IMPORT_FILES.map((f, i) => [f, i]));
  refusals.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line);
  const units = [...plans.values()].filter(
    (p) => p.register || p.capacity.length || p.stays.length || p.blocks.length,
  );
  return { counts, refusals, units };
}

/** The rows a unit's plan applies, by file: what its chunk adds to `applied` when it commits. */
export function rowsOf(plan: UnitPlan): Record<ImportFile, number> {
  return {
    units: plan.register ? 1 : 0,
    capacity: plan.capacity.length,
    stays: plan.stays.length,
    blocks: plan.blocks.length,
  };
}
