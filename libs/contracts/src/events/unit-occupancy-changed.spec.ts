import { ContractViolation, createEvent } from '../envelope';
import {
  UNIT_OCCUPANCY_CHANGED,
  UNIT_OCCUPANCY_CHANGED_SCHEMA,
  unitOccupancyChanged,
} from './unit-occupancy-changed';

function validEvent() {
  return createEvent({
    source: '/institution-service',
    type: UNIT_OCCUPANCY_CHANGED,
    subject: '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
    sequence: 2,
    dataschema: UNIT_OCCUPANCY_CHANGED_SCHEMA,
    data: {
      unitId: '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
      unitName: 'Avdeling 1',
      institutionId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      institutionName: 'Prindsen mottakssenter',
      category: 'acute' as const,
      providerType: 'municipal' as const,
      districtCode: '030101' as const,
      capacity: 8,
      occupied: 5,
      blocked: 1,
      reserved: 0,
      available: 2,
      closed: false,
      change: {
        kind: 'admission' as const,
        stayId: '0b6a4a3e-8f1d-4c2b-9e7a-5d3c1b2a0f9e',
        referringDistrictCode: '030103' as const,
      },
    },
  });
}

describe('unitOccupancyChanged contract', () => {
  it('accepts a well-formed event', () => {
    const event = validEvent();
    // The consumer has the wire form's padded sequence string as its number.
    expect(event.sequence).toBe('0000000000000000002');
    expect(unitOccupancyChanged.parse(JSON.parse(JSON.stringify(event)))).toEqual({ ...event, sequence: 2 });
  });

  it('rejects an event whose available count does not add up', () => {
    const event = validEvent();
    event.data.available = 5;
    expect(() => unitOccupancyChanged.parse(event)).toThrow(/available must equal/);
  });

  it('rejects unknown fields so that no free text can be smuggled in', () => {
    const event = validEvent();
    expect(() =>
      unitOccupancyChanged.parse({ ...event, data: { ...event.data, residentName: 'Ola' } }),
    ).toThrow(/residentName/);
  });

  it('rejects an unknown district code and category', () => {
    const event = validEvent();
    expect(() =>
      unitOccupancyChanged.parse({ ...event, data: { ...event.data, districtCode: '999' } }),
    ).toThrow(/districtCode/);
    expect(() => unitOccupancyChanged.parse({ ...event, data: { ...event.data, category: 'spa' } })).toThrow(
      /category/,
    );
  });

  it.each([
    ['a NUL in the unit name', { unitName: 'Avdeling\u00001' }],
    ['a line feed in the institution name', { institutionName: 'Prindsen\nmottakssenter' }],
    ['a lone surrogate in the unit name', { unitName: 'Avdeling \ud83d' }],
    ['a fødselsnummer in the unit name', { unitName: 'Avdeling 01019012480' }],
    ['a D-nummer in the institution name', { institutionName: 'Hus 410190 12393' }],
    ['a unit name over 200 characters', { unitName: 'a'.repeat(201) }],
  ])('refuses %s, so the event is dead-lettered instead of applied', (_, change) => {
    const event = validEvent();
    expect(() => unitOccupancyChanged.parse({ ...event, data: { ...event.data, ...change } })).toThrow(
      ContractViolation,
    );
  });

  it('refuses a control character in an envelope attribute', () => {
    expect(() => unitOccupancyChanged.parse({ ...validEvent(), source: '/institution\u0000' })).toThrow(
      /control characters/,
    );
  });

  it('accepts a rename as a change of its own', () => {
    const event = validEvent();
    const renamed = {
      ...event,
      data: { ...event.data, unitName: 'Avdeling Nord', change: { kind: 'renamed' } },
    };
    expect(unitOccupancyChanged.parse(renamed)).toEqual({ ...renamed, sequence: 2 });
  });

  describe('features (ADR 0154)', () => {
    const withFeatures = (features: unknown, kind = 'features-changed') => {
      const event = validEvent();
      return { ...event, data: { ...event.data, features, change: { kind } } };
    };

    it('accepts a change of features as a change of its own, carrying the whole new set', () => {
      const event = withFeatures(['women-only', 'wheelchair', 'co-occurring']);
      expect(unitOccupancyChanged.parse(event)).toEqual({ ...event, sequence: 2 });
      expect(unitOccupancyChanged.parse(withFeatures([])).data.features).toEqual([]);
    });

    it('still reads an event written before units had features, so the topics replay', () => {
      const old = JSON.parse(JSON.stringify(validEvent())) as { data: Record<string, unknown> };
      expect(old.data).not.toHaveProperty('features');
      expect(unitOccupancyChanged.parse(old).data.features).toBeUndefined();
    });

    it.each([
      ['an unknown feature', ['pets']],
      ['a feature twice', ['couple', 'couple']],
      ['features out of the list order', ['co-occurring', 'women-only']],
      ['a single code instead of a list', 'couple'],
      ['null', null],
    ])('refuses %s, so the event is dead-lettered instead of applied', (_, features) => {
      expect(() => unitOccupancyChanged.parse(withFeatures(features))).toThrow(/features/);
    });
  });
});
