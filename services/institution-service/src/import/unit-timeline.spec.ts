import { IMPORT_FILES } from '@plass/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from './csv';
import { planImport } from './import-plan';
import { unitTimeline } from './unit-timeline';

const NOW = new Date('2026-12-01T12:00:00Z');
const files = IMPORT_FILES.map((file) =>
  readCsv(file, readFileSync(join(__dirname, 'fixtures', 'good', `${file}.csv`))),
);
const empty = {
  institutions: new Map(),
  units: new Map(),
  stays: new Map(),
  blocks: new Map(),
  capacityAt: new Map(),
};

describe(unitTimeline.name, () => {
  const [first] = planImport(files, empty, NOW).units;

  it('merges a new unit rows in effective-time order, each with the resulting counts and the next sequence', () => {
    const steps = unitTimeline(
      first,
      { capacity: 0, occupied: 0, blocked: 0, reserved: 0, sequence: 0 },
      NOW,
    );
    expect(
      steps.map((s) => [
        s.change.kind,
        s.change.effectiveAt,
        s.counts.sequence,
        s.counts.capacity,
        s.counts.occupied,
        s.counts.blocked,
      ]),
    ).toEqual([
      ['registered', '2023-12-31T23:00:00.000Z', 1, 8, 0, 0],
      ['admission', '2024-02-01T09:00:00.000Z', 2, 8, 1, 0],
      ['admission', '2024-02-02T21:00:00.000Z', 3, 8, 2, 0],
      ['discharge', '2024-02-03T11:00:00.000Z', 4, 8, 1, 0],
      ['block', '2024-03-31T22:00:00.000Z', 5, 8, 1, 2],
      ['unblock', '2024-04-09T22:00:00.000Z', 6, 8, 1, 0],
      ['capacity', '2024-05-31T22:00:00.000Z', 7, 10, 1, 0],
    ]);
    expect(steps[6].change).toMatchObject({ places: 2, reason: 'capacity-change' });
    expect(steps[4].change).toMatchObject({ blockId: '44444444-4444-4444-8444-000000000001', places: 2 });
  });

  it('appends to a stored unit from its counts and sequence, and leaves a block ending after now open', () => {
    const stored = { ...first, register: undefined };
    const steps = unitTimeline(
      stored,
      { capacity: 3, occupied: 2, blocked: 0, reserved: 1, sequence: 40 },
      new Date('2024-04-05T00:00:00Z'),
    );
    expect(steps.map((s) => [s.change.kind, s.counts.sequence])).toEqual([
      ['capacity', 41],
      ['admission', 42],
      ['admission', 43],
      ['discharge', 44],
      ['block', 45],
      ['capacity', 46],
    ]);
    expect(steps.at(-1)?.counts).toMatchObject({ capacity: 10, occupied: 3, blocked: 2, reserved: 1 });
  });

  it('frees a place before taking it at the same instant', () => {
    const plan = {
      unitId: 'u',
      capacity: [],
      blocks: [],
      stays: [
        {
          line: 2,
          stayId: 'a',
          unitId: 'u',
          referringDistrictCode: '030101' as const,
          admittedAt: new Date(2000),
          dischargedAt: undefined,
          dischargeReason: undefined,
          plannedDischargeDate: undefined,
        },
        {
          line: 3,
          stayId: 'b',
          unitId: 'u',
          referringDistrictCode: '030101' as const,
          admittedAt: new Date(1000),
          dischargedAt: new Date(2000),
          dischargeReason: 'planned' as const,
          plannedDischargeDate: undefined,
        },
      ],
    };
    const steps = unitTimeline(plan, { capacity: 1, occupied: 0, blocked: 0, reserved: 0, sequence: 1 }, NOW);
    expect(steps.map((s) => [s.change.kind, s.change.stayId])).toEqual([
      ['admission', 'b'],
      ['discharge', 'b'],
      ['admission', 'a'],
    ]);
  });
});
