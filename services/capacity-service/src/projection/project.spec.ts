import {
  createEvent,
  UNIT_OCCUPANCY_CHANGED,
  UNIT_OCCUPANCY_CHANGED_SCHEMA,
  unitOccupancyChanged,
  type UnitOccupancyChangedEvent,
} from '@plass/contracts';
import { project, stateFromEvent, type UnitState } from './project';

const unitId = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const institutionId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

function event(
  sequence: number,
  counts: {
    capacity?: number;
    occupied?: number;
    blocked?: number;
    reserved?: number;
    closed?: boolean;
  } = {},
): UnitOccupancyChangedEvent {
  const c = { capacity: 8, occupied: 0, blocked: 0, reserved: 0, closed: false, ...counts };
  // As the consumer has it: parsed (the wire form's sequence is a string).
  return unitOccupancyChanged.parse(
    createEvent({
      source: '/institution-service',
      type: UNIT_OCCUPANCY_CHANGED,
      subject: unitId,
      sequence,
      dataschema: UNIT_OCCUPANCY_CHANGED_SCHEMA,
      data: {
        unitId,
        unitName: 'Avdeling 1',
        institutionId,
        institutionName: 'Thereses hus',
        category: 'acute',
        providerType: 'municipal',
        districtCode: '030101',
        ...c,
        available: c.capacity - c.occupied - c.blocked - c.reserved,
        change: { kind: 'admission' },
      },
    }),
  );
}

function deltaOf(p: ReturnType<typeof project>, key: string) {
  return p.deltas.find((d) => d.key === key)?.delta;
}

describe('project', () => {
  it('adds a new unit to every scope it belongs to', () => {
    const p = project(new Map(), [event(1, { occupied: 3 })]);
    for (const key of [
      `unit:${unitId}`,
      `institution:${institutionId}`,
      'category:acute',
      'district:030101',
      'provider-type:municipal',
      'city',
    ]) {
      expect(deltaOf(p, key)).toEqual({
        capacity: 8,
        occupied: 3,
        blocked: 0,
        reserved: 0,
        free: 5,
        overCapacity: 0,
      });
    }
  });

  it('turns an admission into a delta of one occupied place', () => {
    const current = new Map<string, UnitState>([[unitId, stateFromEvent(event(4, { occupied: 3 }))]]);
    const p = project(current, [event(5, { occupied: 4 })]);
    expect(deltaOf(p, 'city')).toEqual({
      capacity: 0,
      occupied: 1,
      blocked: 0,
      reserved: 0,
      free: -1,
      overCapacity: 0,
    });
    expect(p.states[0].sequence).toBe(5);
  });

  it('ignores a duplicate and an older sequence', () => {
    const current = new Map<string, UnitState>([[unitId, stateFromEvent(event(5, { occupied: 4 }))]]);
    const p = project(current, [event(5, { occupied: 4 }), event(3, { occupied: 1 })]);
    expect(p.applied).toHaveLength(0);
    expect(p.skipped).toHaveLength(2);
    expect(p.deltas).toHaveLength(0);
  });

  it('nets several events of one unit in a batch into one delta', () => {
    const current = new Map<string, UnitState>([[unitId, stateFromEvent(event(1))]]);
    const p = project(current, [
      event(2, { occupied: 1 }),
      event(3, { occupied: 2 }),
      event(4, { occupied: 1 }),
    ]);
    expect(deltaOf(p, 'city')).toEqual({
      capacity: 0,
      occupied: 1,
      blocked: 0,
      reserved: 0,
      free: -1,
      overCapacity: 0,
    });
    expect(p.applied).toHaveLength(3);
  });

  it('removes a closed unit from the totals', () => {
    const current = new Map<string, UnitState>([[unitId, stateFromEvent(event(2, { occupied: 2 }))]]);
    const p = project(current, [event(3, { occupied: 0, closed: true })]);
    expect(deltaOf(p, 'city')).toEqual({
      capacity: -8,
      occupied: -2,
      blocked: 0,
      reserved: 0,
      free: -6,
      overCapacity: 0,
    });
  });

  it('counts a reopened unit again (ADR 0180)', () => {
    const closed = stateFromEvent(event(3, { occupied: 0, closed: true }));
    const reopened = unitOccupancyChanged.parse({
      ...event(4, { capacity: 6 }),
      data: { ...event(4, { capacity: 6 }).data, change: { kind: 'reopened' } },
    });
    const p = project(new Map([[unitId, closed]]), [reopened]);
    expect(deltaOf(p, 'city')).toEqual({
      capacity: 6,
      occupied: 0,
      blocked: 0,
      reserved: 0,
      free: 6,
      overCapacity: 0,
    });
    expect(deltaOf(p, 'category:acute')).toEqual({
      capacity: 6,
      occupied: 0,
      blocked: 0,
      reserved: 0,
      free: 6,
      overCapacity: 0,
    });
    expect(p.states[0]).toMatchObject({ closed: false, lastChangeKind: 'reopened' });
  });

  it('publishes the unit scope even when its totals did not change (a census confirmation)', () => {
    const current = new Map<string, UnitState>([[unitId, stateFromEvent(event(2, { occupied: 2 }))]]);
    const p = project(current, [event(3, { occupied: 2 })]);
    expect(p.deltas.map((d) => d.key)).toEqual([`unit:${unitId}`]);
  });

  it('publishes a renamed institution with its new name though its totals did not change', () => {
    const current = new Map<string, UnitState>([[unitId, stateFromEvent(event(2, { occupied: 2 }))]]);
    const renamed = event(3, { occupied: 2 });
    renamed.data = { ...renamed.data, institutionName: 'Theresas hus', change: { kind: 'renamed' } };
    const p = project(current, [renamed]);
    expect(p.deltas.map((d) => [d.key, d.name])).toEqual([
      [`unit:${unitId}`, 'Avdeling 1'],
      [`institution:${institutionId}`, 'Theresas hus'],
    ]);
    expect(deltaOf(p, `institution:${institutionId}`)).toEqual({
      capacity: 0,
      occupied: 0,
      blocked: 0,
      reserved: 0,
      free: 0,
      overCapacity: 0,
    });
    expect(p.states[0]).toMatchObject({ institutionName: 'Theresas hus', lastChangeKind: 'renamed' });
  });

  describe('free places and overcapacity per unit (ADR 0171)', () => {
    const otherUnitId = '7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
    const other = (sequence: number, occupied: number) => {
      const e = event(sequence, { capacity: 3, occupied });
      e.subject = otherUnitId;
      e.data = { ...e.data, unitId: otherUnitId, unitName: 'Avdeling 2' };
      return e;
    };

    it('never lets one unit over capacity take free places from another in the same scopes', () => {
      // Unit 1: 8 places, 5 occupied (3 free). Unit 2: 3 places, 4 occupied (1 over capacity).
      const p = project(new Map(), [event(1, { occupied: 5 }), other(1, 4)]);
      for (const key of ['city', 'category:acute', `institution:${institutionId}`, 'district:030101']) {
        expect(deltaOf(p, key)).toMatchObject({ capacity: 11, occupied: 9, free: 3, overCapacity: 1 });
      }
      expect(deltaOf(p, `unit:${otherUnitId}`)).toMatchObject({ free: 0, overCapacity: 1 });
    });

    it('moves a place from free to overcapacity only at the unit that goes over', () => {
      const current = new Map<string, UnitState>([
        [unitId, stateFromEvent(event(1, { occupied: 5 }))],
        [otherUnitId, stateFromEvent(other(1, 3))],
      ]);
      const p = project(current, [other(2, 4)]);
      expect(deltaOf(p, 'category:acute')).toMatchObject({ occupied: 1, free: 0, overCapacity: 1 });
    });

    it('publishes a scope whose counts net to zero while its free places changed', () => {
      const current = new Map<string, UnitState>([
        [unitId, stateFromEvent(event(1, { occupied: 5 }))],
        [otherUnitId, stateFromEvent(other(1, 4))],
      ]);
      // One place moves from the full unit to the one with room: occupied nets to 0, overcapacity ends.
      const p = project(current, [event(2, { occupied: 6 }), other(2, 3)]);
      expect(deltaOf(p, 'city')).toMatchObject({ occupied: 0, free: -1, overCapacity: -1 });
    });
  });

  describe('features (ADR 0154)', () => {
    const withFeatures = (
      e: UnitOccupancyChangedEvent,
      features: NonNullable<UnitOccupancyChangedEvent['data']['features']>,
    ) => {
      e.data = { ...e.data, features, change: { kind: 'features-changed' } };
      return e;
    };

    it('keeps the features an event carries, and changes no totals with them', () => {
      const current = new Map<string, UnitState>([[unitId, stateFromEvent(event(2, { occupied: 2 }))]]);
      const p = project(current, [withFeatures(event(3, { occupied: 2 }), ['women-only', 'co-occurring'])]);
      expect(p.states[0]).toMatchObject({
        features: ['women-only', 'co-occurring'],
        lastChangeKind: 'features-changed',
      });
      expect(p.deltas.map((d) => d.key)).toEqual([`unit:${unitId}`]);
    });

    it('reads an event from before units had features as none for a unit it meets first', () => {
      const old = event(1);
      expect(old.data.features).toBeUndefined();
      expect(project(new Map(), [old]).states[0].features).toEqual([]);
    });

    it('keeps the features it has when a later event carries none (an instance not yet upgraded)', () => {
      const before = stateFromEvent(withFeatures(event(2), ['wheelchair']));
      const p = project(new Map([[unitId, before]]), [event(3, { occupied: 1 })]);
      expect(p.states[0].features).toEqual(['wheelchair']);
    });

    it('takes an empty list as the unit having no features any more', () => {
      const before = stateFromEvent(withFeatures(event(2), ['wheelchair']));
      const p = project(new Map([[unitId, before]]), [withFeatures(event(3), [])]);
      expect(p.states[0].features).toEqual([]);
    });
  });
});
