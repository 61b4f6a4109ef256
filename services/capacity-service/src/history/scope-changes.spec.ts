import {
  createEvent,
  UNIT_OCCUPANCY_CHANGED,
  UNIT_OCCUPANCY_CHANGED_SCHEMA,
  unitOccupancyChanged,
  type UnitOccupancyChangedEvent,
} from '@plass/contracts';
import { stateFromEvent } from '../projection/project';
import { scopeChanges } from './scope-changes';

const unitA = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const unitB = '5d2c1b0a-9e8f-4a7b-8c6d-5e4f3a2b1c0d';
const institutionId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

function event(unitId: string, sequence: number, occupied: number, time: string): UnitOccupancyChangedEvent {
  // As the consumer has it: parsed (the wire form's sequence is a string).
  return unitOccupancyChanged.parse(
    createEvent({
      source: '/institution-service',
      type: UNIT_OCCUPANCY_CHANGED,
      subject: unitId,
      sequence,
      time: new Date(time),
      dataschema: UNIT_OCCUPANCY_CHANGED_SCHEMA,
      data: {
        unitId,
        unitName: 'Avdeling',
        institutionId,
        institutionName: 'Holmen',
        category: 'resource-centre',
        providerType: 'municipal',
        districtCode: '030107',
        capacity: 10,
        occupied,
        blocked: 0,
        reserved: 0,
        available: 10 - occupied,
        closed: false,
        change: { kind: 'admission' },
      },
    }),
  );
}

describe(scopeChanges.name, () => {
  it("keeps each event's own change of each scope at the event's time, with the published version", () => {
    const before = stateFromEvent(event(unitA, 1, 2, '2024-01-01T00:00:00Z'));
    const events = [
      event(unitA, 2, 3, '2024-01-02T00:00:00Z'),
      event(unitB, 1, 1, '2024-01-02T06:00:00Z'),
      event(unitA, 3, 5, '2024-01-03T00:00:00Z'),
    ];
    const changes = scopeChanges({
      events,
      before: new Map([[unitA, before]]),
      scopes: [{ key: 'city', version: 7 } as never],
    });
    const city = changes.filter((c) => c.scopeKey === 'city');
    expect(city.map((c) => [c.at, c.delta.occupied, c.delta.capacity, c.version])).toEqual([
      ['2024-01-02T00:00:00.000Z', 1, 0, 7],
      ['2024-01-02T06:00:00.000Z', 1, 10, 7],
      ['2024-01-03T00:00:00.000Z', 2, 0, 7],
    ]);
    // A scope whose batch total did not change (here: no published version) keeps its changes too.
    expect(changes.filter((c) => c.scopeKey === `unit:${unitA}`).map((c) => c.version)).toEqual([null, null]);
  });

  it('sums to the same deltas as the batch, so history and totals never disagree', () => {
    const events = [
      event(unitA, 1, 4, '2024-01-01T00:00:00Z'),
      event(unitA, 2, 6, '2024-01-02T00:00:00Z'),
      event(unitA, 3, 1, '2024-01-03T00:00:00Z'),
    ];
    const changes = scopeChanges({ events, before: new Map(), scopes: [] });
    const sum = changes
      .filter((c) => c.scopeKey === 'category:resource-centre')
      .reduce((n, c) => n + c.delta.occupied, 0);
    expect(sum).toBe(1);
  });

  it('keeps the free places and overcapacity per unit, so one over capacity takes none from another (ADR 0192)', () => {
    // a: 10 places, 12 occupied → 2 over capacity; b: 10 places, 7 occupied → 3 free. Summed: 1 «available».
    const events = [
      event(unitA, 1, 9, '2024-01-01T00:00:00Z'),
      event(unitB, 1, 7, '2024-01-01T01:00:00Z'),
      event(unitA, 2, 12, '2024-01-01T02:00:00Z'),
    ];
    const changes = scopeChanges({ events, before: new Map(), scopes: [] });
    const sum = (key: string, field: 'free' | 'overCapacity') =>
      changes.filter((c) => c.scopeKey === key).reduce((n, c) => n + c.delta[field], 0);
    expect(sum('category:resource-centre', 'free')).toBe(3);
    expect(sum('category:resource-centre', 'overCapacity')).toBe(2);
    expect(sum(`unit:${unitA}`, 'free')).toBe(0);
    expect(sum(`unit:${unitA}`, 'overCapacity')).toBe(2);
    // The step into overcapacity: a's one free place gone, two beyond capacity.
    const last = changes.find((c) => c.scopeKey === 'city' && c.sequence === 2);
    expect(last?.delta).toMatchObject({ occupied: 3, free: -1, overCapacity: 2 });
  });

  it('records nothing for an event that changes no count', () => {
    const before = stateFromEvent(event(unitA, 1, 2, '2024-01-01T00:00:00Z'));
    const census = event(unitA, 2, 2, '2024-01-02T00:00:00Z');
    expect(scopeChanges({ events: [census], before: new Map([[unitA, before]]), scopes: [] })).toEqual([]);
  });
});
