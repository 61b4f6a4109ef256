import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORT_FILES, importRefusalText, parseImportInstant } from '@plass/contracts';
import { readCsv, separatorOf, type CsvFile } from './csv';
import {
  capacityKey,
  planImport,
  type ExistingBlock,
  type ExistingInstitution,
  type ExistingStay,
  type ExistingUnit,
} from './import-plan';

const NOW = new Date('2026-12-01T12:00:00Z');
const U1 = '11111111-1111-4111-8111-000000000001';
const U3 = '11111111-1111-4111-8111-000000000003';

const folder = (name: string): CsvFile[] =>
  IMPORT_FILES.map((file) => readCsv(file, readFileSync(join(__dirname, 'fixtures', name, `${file}.csv`))));

const empty = () => ({
  institutions: new Map<string, ExistingInstitution>(),
  units: new Map<string, ExistingUnit>(),
  stays: new Map<string, ExistingStay>(),
  blocks: new Map<string, ExistingBlock>(),
  capacityAt: new Map<string, number>(),
});

describe('readCsv', () => {
  it('takes ; or , as separator, whichever the header uses', () => {
    expect(separatorOf('a;b;c\n1,5;2;3')).toBe(';');
    expect(separatorOf('a,b,c\n1;2,3')).toBe(',');
  });

  it('numbers rows by their line in the file, the header being line 1', () => {
    const csv = readCsv('capacity', 'unitId,from,capacity\n\nx,2024-01-01,3\ny,2024-01-02,4\n');
    expect(csv.rows.map((r) => [r.line, r.values.unitId])).toEqual([
      [3, 'x'],
      [4, 'y'],
    ]);
  });

  it('reports a header without the columns of the file', () => {
    expect(readCsv('capacity', 'unit,from,capacity\nx,2024-01-01,3\n').headerProblem).toEqual({
      file: 'capacity',
      missing: 'unitId',
      expected: 'unitId,from,capacity',
    });
  });
});

describe('parseImportInstant', () => {
  it('reads a time without offset as Oslo wall clock, winter and summer', () => {
    expect(parseImportInstant('2024-01-15T10:00')?.toISOString()).toBe('2024-01-15T09:00:00.000Z');
    expect(parseImportInstant('2024-07-15 10:00:00')?.toISOString()).toBe('2024-07-15T08:00:00.000Z');
    expect(parseImportInstant('2024-03-01')?.toISOString()).toBe('2024-02-29T23:00:00.000Z');
  });

  it('keeps an explicit offset or Z', () => {
    expect(parseImportInstant('2024-01-15T10:00:00Z')?.toISOString()).toBe('2024-01-15T10:00:00.000Z');
    expect(parseImportInstant('2024-01-15T10:00:00-02:30')?.toISOString()).toBe('2024-01-15T12:30:00.000Z');
  });

  it('refuses what is not a date', () => {
    expect(parseImportInstant('2024-13-01')).toBeNull();
    expect(parseImportInstant('2024-02-30')).toBeNull();
    expect(parseImportInstant('yesterday')).toBeNull();
  });
});

describe(planImport.name, () => {
  it('accepts a good folder whole', () => {
    const plan = planImport(folder('good'), empty(), NOW);
    expect(plan.refusals).toEqual([]);
    expect(plan.counts).toEqual({
      units: { total: 2, applied: 0, unchanged: 0, refused: 0 },
      capacity: { total: 3, applied: 0, unchanged: 0, refused: 0 },
      stays: { total: 3, applied: 0, unchanged: 0, refused: 0 },
      blocks: { total: 2, applied: 0, unchanged: 0, refused: 0 },
    });
    expect(
      plan.units.map((u) => [u.register?.registrationCapacity, u.stays.length, u.blocks.length]),
    ).toEqual([
      [8, 2, 1],
      [12, 1, 1],
    ]);
  });

  it('refuses each broken row with file, line and reason and plans only the rest', () => {
    const existing = empty();
    existing.units.set(U1, {
      id: U1,
      institutionId: '22222222-2222-4222-8222-000000000001',
      name: 'Akutt A',
      category: 'acute',
      closed: false,
      closedAt: null,
      openedAt: new Date('2023-12-31T23:00:00Z'),
      lastCapacityAt: null,
    });
    existing.stays.set('33333333-3333-4333-8333-000000000001', {
      unitId: U1,
      referringDistrictCode: '030101',
      admittedAt: new Date('2024-02-01T09:00:00Z'),
      dischargedAt: new Date('2024-02-03T11:00:00Z'),
      dischargeReason: 'planned',
      plannedDischargeDate: null,
    });
    const plan = planImport(folder('broken'), existing, NOW);
    expect(plan.refusals.map((r) => `${r.file}:${r.line}`)).toEqual([
      'units:3',
      'units:4',
      'capacity:3',
      'stays:3',
      'stays:4',
      'stays:5',
      'stays:6',
      'stays:7',
      'blocks:3',
    ]);
    const reason = (file: string, line: number) =>
      plan.refusals.find((r) => r.file === file && r.line === line)?.reason;
    expect(reason('units', 3)).toContain('category must be one of');
    expect(reason('units', 4)).toContain('openedAt must be an ISO 8601');
    expect(reason('capacity', 3)).toContain('was refused (units.csv line 3)');
    expect(reason('stays', 3)).toContain('is neither in units.csv nor registered');
    expect(reason('stays', 4)).toContain('dischargedAt is before admittedAt');
    expect(reason('stays', 5)).toContain('admittedAt must be an ISO 8601');
    expect(reason('stays', 6)).toBe('stay 33333333-3333-4333-8333-000000000001 exists with other values');
    expect(reason('stays', 7)).toContain('is on line 2 already');
    expect(reason('blocks', 3)).toContain('places must be at least 1');
    expect(plan.refusals.map((r) => [`${r.file}:${r.line}`, r.code, r.params.field ?? ''])).toEqual([
      ['units:3', 'INVALID_VALUE', 'category'],
      ['units:4', 'INVALID_VALUE', 'openedAt'],
      ['capacity:3', 'UNIT_REFUSED', ''],
      ['stays:3', 'UNIT_UNKNOWN', ''],
      ['stays:4', 'INVALID_VALUE', 'dischargedAt'],
      ['stays:5', 'INVALID_VALUE', 'admittedAt'],
      ['stays:6', 'STAY_EXISTS_DIFFERENT', ''],
      ['stays:7', 'DUPLICATE_ID', 'stayId'],
      ['blocks:3', 'INVALID_VALUE', 'places'],
    ]);
    expect(plan.refusals.find((r) => r.file === 'capacity')?.params).toMatchObject({ line: '3' });
    // The reason is the catalogue's English text of the code and its parameters.
    for (const r of plan.refusals) expect(importRefusalText(r, 'en')).toBe(r.reason);
    expect(plan.units).toHaveLength(1);
    expect(plan.units[0]).toMatchObject({ unitId: U3 });
    expect(plan.units[0].stays.map((s) => s.line)).toEqual([2, 8]);
  });

  it('finds rows already there with the same values unchanged', () => {
    const first = planImport(folder('good'), empty(), NOW);
    const existing = empty();
    for (const unit of first.units) {
      const r = unit.register!;
      existing.institutions.set(r.institutionId, {
        id: r.institutionId,
        name: r.institutionName,
        providerType: r.providerType,
        districtCode: r.districtCode,
      });
      existing.units.set(unit.unitId, {
        id: unit.unitId,
        institutionId: r.institutionId,
        name: r.unitName,
        category: r.category,
        closed: false,
        closedAt: null,
        openedAt: r.openedAt,
        lastCapacityAt: unit.capacity.at(-1)?.from ?? null,
      });
      for (const c of unit.capacity) existing.capacityAt.set(capacityKey(unit.unitId, c.from), c.capacity);
      for (const s of unit.stays) {
        existing.stays.set(s.stayId, {
          unitId: s.unitId,
          referringDistrictCode: s.referringDistrictCode,
          admittedAt: s.admittedAt,
          dischargedAt: s.dischargedAt ?? null,
          dischargeReason: s.dischargeReason ?? null,
          plannedDischargeDate: s.plannedDischargeDate ?? null,
        });
      }
      for (const b of unit.blocks) {
        existing.blocks.set(b.blockId, {
          unitId: b.unitId,
          places: b.places,
          reason: b.reason,
          from: b.from,
          to: b.to ?? null,
        });
      }
    }
    const again = planImport(folder('good'), existing, NOW);
    expect(again.refusals).toEqual([]);
    expect(again.units).toEqual([]);
    expect(IMPORT_FILES.map((f) => again.counts[f].unchanged)).toEqual([2, 3, 3, 2]);
  });

  it('refuses every row of a file whose header lacks columns', () => {
    const plan = planImport([readCsv('capacity', `unit,from,capacity\n${U3},2024-01-01,3\n`)], empty(), NOW);
    expect(plan.refusals).toEqual([
      {
        file: 'capacity',
        line: 2,
        code: 'HEADER_MISSING_COLUMNS',
        params: { file: 'capacity', missing: 'unitId', expected: 'unitId,from,capacity' },
        reason: 'the header of capacity.csv lacks unitId; it must be unitId,from,capacity',
      },
    ]);
  });

  it('refuses history in the future and before the unit opened', () => {
    const files = [
      readCsv(
        'units',
        `unitId,institutionId,institutionName,providerType,districtCode,unitName,category,openedAt\n${U3},22222222-2222-4222-8222-000000000002,X,municipal,030101,Y,acute,2024-01-01\n`,
      ),
      readCsv('capacity', `unitId,from,capacity\n${U3},2023-12-01,4\n${U3},2027-01-01,4\n`),
    ];
    const plan = planImport(files, empty(), NOW);
    expect(plan.refusals.map((r) => r.reason)).toEqual([
      expect.stringContaining('is before unit'),
      expect.stringContaining('is in the future'),
    ]);
    expect(plan.refusals.map((r) => [r.code, r.params])).toEqual([
      [
        'BEFORE_UNIT_OPENED',
        { field: 'from', at: '2023-11-30T23:00:00.000Z', unitId: U3, openedAt: '2023-12-31T23:00:00.000Z' },
      ],
      ['IN_FUTURE', { field: 'from', at: '2026-12-31T23:00:00.000Z' }],
    ]);
  });
});
