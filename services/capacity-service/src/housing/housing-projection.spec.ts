import {
  createEvent,
  HOUSING_NEED_CHANGED,
  HOUSING_NEED_CHANGED_SCHEMA,
  HOUSING_UNIT_STATUS_CHANGED,
  HOUSING_UNIT_STATUS_CHANGED_SCHEMA,
  housingNeedKey,
  type HousingNeeds,
} from '@plass/contracts';
import { HOUSING_TYPES, type DistrictCode, type HousingStatus, type HousingType } from '@plass/domain';
import {
  parseHousingEvent,
  projectHousing,
  supplyByDistrict,
  supplyTotals,
  sumByType,
  type HousingUnitState,
} from './housing-projection';

const unitId = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

function unitEvent(
  sequence: number,
  status: HousingStatus,
  previousStatus: HousingStatus | null,
  districtCode: DistrictCode = '030103',
  type: HousingType = 'ordinary',
) {
  return parseHousingEvent(
    createEvent({
      source: '/housing-service',
      type: HOUSING_UNIT_STATUS_CHANGED,
      subject: unitId,
      sequence,
      dataschema: HOUSING_UNIT_STATUS_CHANGED_SCHEMA,
      data: {
        housingUnitId: unitId,
        districtCode,
        type,
        status,
        previousStatus,
        ...(status === 'unavailable' ? { reason: 'renovation' as const } : {}),
        ...(status === 'reserved' ? { reservedUntil: '2026-12-01T00:00:00.000Z' } : {}),
        change: previousStatus === null ? ('registered' as const) : ('status-changed' as const),
      },
    }),
  );
}

function needs(partial: Partial<HousingNeeds>): HousingNeeds {
  return { ...(Object.fromEntries(HOUSING_TYPES.map((t) => [t, 0])) as HousingNeeds), ...partial };
}

function needEvent(sequence: number, districtCode: DistrictCode, partial: Partial<HousingNeeds>) {
  return parseHousingEvent(
    createEvent({
      source: '/housing-service',
      type: HOUSING_NEED_CHANGED,
      subject: housingNeedKey(districtCode),
      sequence,
      dataschema: HOUSING_NEED_CHANGED_SCHEMA,
      data: { districtCode, needs: needs(partial) },
    }),
  );
}

const state = (sequence: number, status: HousingStatus): HousingUnitState => ({
  housingUnitId: unitId,
  districtCode: '030103',
  type: 'ordinary',
  status,
  sequence,
  lastChangeAt: '2026-11-23T10:00:00.000Z',
});

describe('projectHousing', () => {
  it('applies a new dwelling and marks its district changed', () => {
    const p = projectHousing(new Map(), new Map(), [unitEvent(1, 'vacant', null)]);
    expect(p.units).toEqual([expect.objectContaining({ status: 'vacant', sequence: 1 })]);
    expect(p.districts).toEqual(['030103']);
  });

  it('ignores a duplicate and an older sequence of a dwelling', () => {
    const p = projectHousing(new Map([[unitId, state(3, 'occupied')]]), new Map(), [
      unitEvent(3, 'occupied', 'reserved'),
      unitEvent(2, 'reserved', 'vacant'),
    ]);
    expect(p.applied).toHaveLength(0);
    expect(p.skipped).toHaveLength(2);
    expect(p.districts).toEqual([]);
  });

  it('keeps the newest of several events of one dwelling in a batch', () => {
    const p = projectHousing(new Map([[unitId, state(1, 'vacant')]]), new Map(), [
      unitEvent(2, 'reserved', 'vacant'),
      unitEvent(3, 'occupied', 'reserved'),
    ]);
    expect(p.units).toEqual([expect.objectContaining({ status: 'occupied', sequence: 3 })]);
  });

  it('marks both districts changed when a dwelling moves to another district', () => {
    const p = projectHousing(new Map([[unitId, state(1, 'vacant')]]), new Map(), [
      unitEvent(2, 'vacant', 'vacant', '030101'),
    ]);
    expect(p.districts).toEqual(['030101', '030103']);
  });

  it('applies a district’s need by its own sequence and ignores an older one', () => {
    const p = projectHousing(new Map(), new Map([['030101', 2]]), [
      needEvent(2, '030101', { ordinary: 9 }),
      needEvent(3, '030101', { ordinary: 4 }),
      needEvent(1, '030102', { transitional: 2 }),
    ]);
    expect(p.needs).toEqual([
      expect.objectContaining({ districtCode: '030101', sequence: 3, needs: needs({ ordinary: 4 }) }),
      expect.objectContaining({ districtCode: '030102', sequence: 1 }),
    ]);
    expect(p.skipped).toHaveLength(1);
    expect(p.districts).toEqual(['030101', '030102']);
  });
});

describe('supply', () => {
  it('counts dwellings by status next to need per district and type', () => {
    const byDistrict = supplyByDistrict(
      [
        { districtCode: '030103', type: 'ordinary', status: 'vacant', count: 2 },
        { districtCode: '030103', type: 'ordinary', status: 'occupied', count: 5 },
        { districtCode: '030101', type: 'transitional', status: 'unavailable', count: 1 },
      ],
      [{ districtCode: '030103', type: 'ordinary', households: 7 }],
    );
    expect(byDistrict.get('030103')?.ordinary).toEqual({
      vacant: 2,
      reserved: 0,
      occupied: 5,
      unavailable: 0,
      need: 7,
    });
    const sagene = byDistrict.get('030103');
    expect(sagene && supplyTotals(sagene)).toEqual({
      vacant: 2,
      reserved: 0,
      occupied: 5,
      unavailable: 0,
      need: 7,
    });
    const city = sumByType([...byDistrict.values()]);
    expect(city.transitional.unavailable).toBe(1);
    expect(supplyTotals(city).occupied).toBe(5);
  });
});

describe(parseHousingEvent.name, () => {
  it('parses both event types of the topic and refuses any other', () => {
    expect(parseHousingEvent(JSON.parse(JSON.stringify(unitEvent(1, 'vacant', null)))).type).toBe(
      HOUSING_UNIT_STATUS_CHANGED,
    );
    expect(parseHousingEvent(JSON.parse(JSON.stringify(needEvent(1, '030101', {})))).type).toBe(
      HOUSING_NEED_CHANGED,
    );
    expect(() => parseHousingEvent({ type: 'something.else' })).toThrow(/type must be/);
  });
});
