import { HOUSING_TYPES } from '@plass/domain';
import { createEvent } from '../envelope';
import { CAPACITY_CHANGED, CAPACITY_CHANGED_SCHEMA } from './capacity-changed';
import {
  HOUSING_CHANGED,
  HOUSING_CHANGED_SCHEMA,
  housingChanged,
  housingKey,
  parseCapacityTopicEvent,
  type HousingByType,
  type HousingChangedData,
} from './housing-changed';

const zero = { vacant: 0, reserved: 0, occupied: 0, unavailable: 0, need: 0 };

function data(): HousingChangedData {
  const byType = Object.fromEntries(HOUSING_TYPES.map((t) => [t, { ...zero }])) as HousingByType;
  byType.ordinary = { vacant: 2, reserved: 0, occupied: 5, unavailable: 1, need: 7 };
  return {
    key: housingKey('030103'),
    districtCode: '030103',
    name: 'Sagene',
    byType,
    totals: { vacant: 2, reserved: 0, occupied: 5, unavailable: 1, need: 7 },
    version: 3,
    updatedAt: '2026-11-23T10:00:00.000Z',
  };
}

function event(d: HousingChangedData) {
  return createEvent({
    source: '/capacity-service',
    type: HOUSING_CHANGED,
    subject: d.key,
    sequence: d.version,
    dataschema: HOUSING_CHANGED_SCHEMA,
    data: d,
  });
}

describe('housingChanged contract', () => {
  it('accepts a district’s supply and need per type', () => {
    const e = event(data());
    expect(housingChanged.parse(JSON.parse(JSON.stringify(e)))).toEqual({ ...e, sequence: e.data.version });
  });

  it('refuses a key that is not the district’s and a type that is missing', () => {
    expect(() => housingChanged.parse(event({ ...data(), key: 'housing:030101' }))).toThrow(/key/);
    const missing: Partial<HousingByType> = { ...data().byType };
    delete missing.ordinary;
    expect(() => housingChanged.parse(event({ ...data(), byType: missing as HousingByType }))).toThrow(
      /ordinary/,
    );
  });

  it('lets a consumer of capacity.changed.v1 read both of its event types', () => {
    expect(parseCapacityTopicEvent(event(data())).type).toBe(HOUSING_CHANGED);
    const capacity = createEvent({
      source: '/capacity-service',
      type: CAPACITY_CHANGED,
      subject: 'city',
      sequence: 1,
      dataschema: CAPACITY_CHANGED_SCHEMA,
      data: {
        scope: 'city' as const,
        id: null,
        key: 'city',
        name: 'Oslo',
        totals: { capacity: 1, occupied: 0, blocked: 0, reserved: 0, available: 1, occupancyRate: 0 },
        version: 1,
        updatedAt: '2026-11-23T10:00:00.000Z',
      },
    });
    expect(parseCapacityTopicEvent(capacity).type).toBe(CAPACITY_CHANGED);
    expect(() => parseCapacityTopicEvent({ type: 'x' })).toThrow(/type must be/);
  });
});
