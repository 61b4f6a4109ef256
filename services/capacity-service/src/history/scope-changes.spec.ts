import {
  createEvent,
  UNIT_OCCUPANCY_CHANGED,
  UNIT_OCCUPANCY_CHANGED_SCHEMA,
  unitOccupancyChanged,
  type OccupancyChange,
  type UnitOccupancyChangedEvent,
} from '@plass/contracts';
import { correctableEffect, effectiveDeltas } from '@plass/domain';
import { stateFromEvent } from '../projection/project';
import { scopeChanges } from './scope-changes';

const unitA = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const unitB = '5d2c1b0a-9e8f-4a7b-8c6d-5e4f3a2b1c0d';
const institutionId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

function event(
  unitId: string,
  sequence: number,
  occupied: number,
  time: string,
  change: OccupancyChange = { kind: 'admission' },
  blocked = 0,
): UnitOccupancyChangedEvent {
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
        blocked,
        reserved: 0,
        available: 10 - occupied - blocked,
        closed: false,
        change,
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

  describe('on the effective time line (ADRs 0215, 0216)', () => {
    const stayId = '7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
    const before = stateFromEvent(event(unitA, 1, 2, '2024-01-01T00:00:00Z'));
    const cityOf = (changes: ReturnType<typeof scopeChanges>) =>
      changes
        .filter((c) => c.scopeKey === 'city')
        .map((c) => [c.at, c.sequence, c.delta.occupied, c.delta.free]);

    it("keeps a backdated change at its effective time, in one form whatever the event's offset", () => {
      const late = event(unitA, 2, 3, '2024-01-05T08:00:00Z', {
        kind: 'admission',
        stayId,
        effectiveAt: '2024-01-04T23:30:00+01:00',
      });
      const changes = scopeChanges({ events: [late], before: new Map([[unitA, before]]), scopes: [] });
      expect(cityOf(changes)).toEqual([['2024-01-04T22:30:00.000Z', 2, 1, -1]]);
    });

    it('takes a corrected admission back at its old time and makes it again at the new one', () => {
      const corrected = event(unitA, 2, 2, '2024-01-05T08:00:00Z', {
        kind: 'corrected',
        stayId,
        effectiveAt: '2024-01-02T12:00:00Z',
        correction: { of: 'admission', previousEffectiveAt: '2024-01-03T12:00:00Z', reason: 'typing-error' },
      });
      const changes = scopeChanges({
        events: [corrected],
        before: new Map([[unitA, before]]),
        scopes: [{ key: 'city', version: 9 } as never],
      });
      expect(cityOf(changes)).toEqual([
        ['2024-01-03T12:00:00.000Z', 2, -1, 1],
        ['2024-01-02T12:00:00.000Z', 2, 1, -1],
      ]);
      // Both for each of the unit's six scopes, with the version that published the correction.
      expect(changes).toHaveLength(12);
      expect(new Set(changes.map((c) => `${c.scopeKey}|${c.at}|${c.sequence}`)).size).toBe(12);
      expect(changes.find((c) => c.scopeKey === 'city')?.version).toBe(9);
      // Counts now are untouched: the two cancel out.
      expect(changes.reduce((n, c) => n + c.delta.occupied + c.delta.free, 0)).toBe(0);
      expect(Object.is(changes[0].delta.capacity, 0) && Object.is(changes[0].delta.reserved, 0)).toBe(true);
    });

    it('moves a block by its places, a discharge the other way, and nothing to the same instant', () => {
      const blockedBefore = stateFromEvent(event(unitA, 1, 2, '2024-01-01T00:00:00Z', { kind: 'block' }, 3));
      const block = event(
        unitA,
        2,
        2,
        '2024-01-05T08:00:00Z',
        {
          kind: 'corrected',
          places: 3,
          effectiveAt: '2024-01-02T00:00:00Z',
          correction: { of: 'block', previousEffectiveAt: '2024-01-01T00:00:00Z', reason: 'other' },
        },
        3,
      );
      const moved = scopeChanges({ events: [block], before: new Map([[unitA, blockedBefore]]), scopes: [] });
      expect(
        moved.filter((c) => c.scopeKey === 'city').map((c) => [c.at.slice(0, 10), c.delta.blocked]),
      ).toEqual([
        ['2024-01-01', -3],
        ['2024-01-02', 3],
      ]);
      const discharge = event(unitA, 2, 2, '2024-01-05T08:00:00Z', {
        kind: 'corrected',
        stayId,
        effectiveAt: '2024-01-02T00:00:00Z',
        correction: { of: 'discharge', previousEffectiveAt: '2024-01-03T00:00:00Z', reason: 'other' },
      });
      const dis = scopeChanges({ events: [discharge], before: new Map([[unitA, before]]), scopes: [] });
      expect(cityOf(dis).map(([at, , occupied]) => [at, occupied])).toEqual([
        ['2024-01-03T00:00:00.000Z', 1],
        ['2024-01-02T00:00:00.000Z', -1],
      ]);
      const same = event(unitA, 2, 2, '2024-01-05T08:00:00Z', {
        kind: 'corrected',
        stayId,
        effectiveAt: '2024-01-03T01:00:00+01:00',
        correction: { of: 'admission', previousEffectiveAt: '2024-01-03T00:00:00Z', reason: 'other' },
      });
      expect(scopeChanges({ events: [same], before: new Map([[unitA, before]]), scopes: [] })).toEqual([]);
    });

    it('gives the same state at every instant whatever order the effective times arrived in', () => {
      // Admissions on the 2nd and 4th, a discharge on the 6th: in order, and with the 2nd's recorded last.
      const inOrder = [
        event(unitA, 2, 3, '2024-01-02T00:00:00Z'),
        event(unitA, 3, 4, '2024-01-04T00:00:00Z'),
        event(unitA, 4, 3, '2024-01-06T00:00:00Z'),
      ];
      const late = [
        event(unitA, 2, 3, '2024-01-04T00:00:00Z'),
        event(unitA, 3, 2, '2024-01-06T00:00:00Z'),
        event(unitA, 4, 3, '2024-01-07T00:00:00Z', {
          kind: 'admission',
          effectiveAt: '2024-01-02T00:00:00Z',
        }),
      ];
      const occupiedAt = (events: UnitOccupancyChangedEvent[], instant: string) =>
        scopeChanges({ events, before: new Map([[unitA, before]]), scopes: [] })
          .filter((c) => c.scopeKey === 'city' && c.at <= instant)
          .reduce((n, c) => n + c.delta.occupied, before.occupied);
      for (const instant of ['2024-01-01', '2024-01-03', '2024-01-05', '2024-01-07']) {
        expect(occupiedAt(late, `${instant}T00:00:00.000Z`)).toBe(
          occupiedAt(inOrder, `${instant}T00:00:00.000Z`),
        );
      }
      expect(occupiedAt(late, '2024-01-05T00:00:00.000Z')).toBe(4);
    });
  });

  it("keeps as a unit's own rows the deltas the utilisation report integrates (effectiveDeltas)", () => {
    const stayId = '7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
    const events = [
      event(unitA, 1, 0, '2024-01-01T00:00:00Z', { kind: 'registered' }),
      event(unitA, 2, 1, '2024-01-05T00:00:00Z'),
      event(unitA, 3, 2, '2024-01-06T00:00:00Z', { kind: 'admission', effectiveAt: '2024-01-03T00:00:00Z' }),
      event(unitA, 4, 2, '2024-01-07T00:00:00Z', { kind: 'block', places: 2 }, 2),
      event(
        unitA,
        5,
        2,
        '2024-01-08T00:00:00Z',
        {
          kind: 'corrected',
          stayId,
          effectiveAt: '2024-01-04T00:00:00Z',
          correction: { of: 'admission', previousEffectiveAt: '2024-01-05T00:00:00Z', reason: 'other' },
        },
        2,
      ),
    ];
    const rows = scopeChanges({ events, before: new Map(), scopes: [] })
      .filter((c) => c.scopeKey === `unit:${unitA}`)
      .map((c) => [Date.parse(c.at), c.sequence, c.delta.capacity, c.delta.occupied, c.delta.blocked]);
    const deltas = effectiveDeltas(
      events.map(({ sequence, time, data }) => ({
        sequence,
        at: Date.parse(data.change.effectiveAt ?? time),
        capacity: data.capacity,
        occupied: data.occupied,
        blocked: data.blocked,
        closed: data.closed,
        ...(data.change.correction
          ? {
              moved: {
                previousAt: Date.parse(data.change.correction.previousEffectiveAt),
                ...correctableEffect(data.change.correction.of, data.change.places),
              },
            }
          : {}),
      })),
    )
      .filter((d) => d.capacity !== 0 || d.occupied !== 0 || d.blocked !== 0)
      .map((d) => [d.at, d.sequence, d.capacity, d.occupied, d.blocked]);
    expect(rows).toHaveLength(6);
    expect(rows).toEqual(deltas);
  });
});
