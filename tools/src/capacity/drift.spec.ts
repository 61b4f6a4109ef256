import { compareTotals, compareUnits, formatDrift, sourceTotals, type UnitView } from './drift';
import { isCapacityGroup } from './read-model';

function unit(
  id: string,
  counts: Partial<UnitView & { category: string }> = {},
): UnitView & { category: string } {
  return {
    id,
    name: `Avdeling ${id}`,
    institutionName: 'Holmen',
    category: 'resource-centre',
    capacity: 10,
    occupied: 4,
    blocked: 1,
    reserved: 0,
    closed: false,
    sequence: 7,
    ...counts,
  };
}

describe(compareUnits.name, () => {
  it('finds nothing when both sides agree', () => {
    expect(compareUnits([unit('a'), unit('b')], [unit('b'), unit('a')])).toEqual([]);
  });

  it('reports each differing field and units missing on either side', () => {
    const drift = compareUnits([unit('a', { occupied: 5, sequence: 6 }), unit('x')], [unit('a'), unit('b')]);
    expect(drift.map((d) => [d.unitId, d.field, d.readModel, d.source])).toEqual([
      ['a', 'sequence', '6', '7'],
      ['a', 'occupied', '5', '4'],
      ['b', 'unit', 'missing', 'sequence 7'],
      ['x', 'unit', 'sequence 7', 'missing'],
    ]);
  });

  it('prints a table with a header and aligned columns', () => {
    const table = formatDrift(compareUnits([unit('a', { occupied: 5 })], [unit('a')]));
    expect(table.split('\n')).toEqual([
      'institution  unit        unit id  field     read model  source',
      '-----------  ----------  -------  --------  ----------  ------',
      'Holmen       Avdeling a  a        occupied  5           4',
    ]);
  });
});

describe(compareTotals.name, () => {
  it("adds up the source's open units per city and category and compares them with the read model", () => {
    const source = sourceTotals([unit('a'), unit('b', { category: 'acute' }), unit('c', { closed: true })]);
    const readModel = [
      { key: 'city', capacity: 20, occupied: 8, blocked: 2, reserved: 0 },
      { key: 'category:resource-centre', capacity: 10, occupied: 4, blocked: 1, reserved: 0 },
      { key: 'category:acute', capacity: 10, occupied: 3, blocked: 1, reserved: 0 },
      { key: 'category:coping', capacity: 0, occupied: 0, blocked: 0, reserved: 0 },
    ];
    expect(compareTotals(readModel, source)).toEqual([
      { key: 'category:acute', field: 'occupied', readModel: 3, source: 4 },
    ]);
  });
});

describe(`${compareTotals.name}: free places per unit (ADR 0171)`, () => {
  it('counts a unit over capacity as no free place, not as minus one from the others', () => {
    // a: 10 places, 4 occupied, 1 blocked → 5 free; d: 2 places, 3 occupied → 1 over capacity.
    const source = sourceTotals([
      unit('a', { category: 'acute' }),
      unit('d', { category: 'acute', capacity: 2, occupied: 3, blocked: 0 }),
    ]);
    const counts = { capacity: 12, occupied: 7, blocked: 1, reserved: 0 };
    expect(source.find((t) => t.key === 'category:acute')).toEqual({
      key: 'category:acute',
      ...counts,
      available: 5,
    });
    // A read model that summed the scope (5 − 1 = 4) drifts; one that counts per unit does not.
    expect(
      compareTotals(
        [{ key: 'category:acute', ...counts, available: 4 }],
        source.filter((t) => t.key !== 'city'),
      ),
    ).toEqual([{ key: 'category:acute', field: 'available', readModel: 4, source: 5 }]);
    expect(
      compareTotals(
        [{ key: 'category:acute', ...counts, available: 5 }],
        source.filter((t) => t.key !== 'city'),
      ),
    ).toEqual([]);
  });
});

describe(isCapacityGroup.name, () => {
  it("recognises the capacity service's groups in a namespace and nobody else's", () => {
    expect(isCapacityGroup('capacity-service', '')).toBe(true);
    expect(isCapacityGroup('capacity-service.housing', '')).toBe(true);
    expect(isCapacityGroup('gateway-1', '')).toBe(false);
    expect(isCapacityGroup('test.t1.capacity-service', 'test.t1')).toBe(true);
    expect(isCapacityGroup('test.t2.capacity-service', 'test.t1')).toBe(false);
    expect(isCapacityGroup('capacity-service', 'test.t1')).toBe(false);
  });
});
