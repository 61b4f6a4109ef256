import { randomUUID } from 'node:crypto';
import { signDevToken } from '@plass/auth';
import {
  getCapacityHistory,
  getCapacitySnapshot,
  getCapacitySummary,
  TOPICS,
  type CapacitySnapshot,
  type ContractClient,
  type Scope,
} from '@plass/contracts';
import { addCalendarDays, zonedDate } from '@plass/domain';
import { EventProducer } from '@plass/messaging';
import { databaseUrl } from '@plass/persistence';
import { eventually, occupancyChangedEvent, startTestStack, type TestStack } from '@plass/testing';
import { Client } from 'pg';
import { BACKFILL_HISTORY_FREE_PLACES } from '../src/migrations/1767400000000-history-free-places';
import { CONSUMER_GROUP } from '../src/projection/occupancy-projection.service';
import { capacityClient } from './contract-client';

describe('occupancy projection against real Kafka and PostgreSQL', () => {
  let stack: TestStack;
  let producer: EventProducer;
  let capacity: ContractClient;
  const unitId = randomUUID();
  const institutionId = randomUUID();

  function occupancyEvent(sequence: number, occupied: number, unit: string = unitId) {
    const event = occupancyChangedEvent({ unitId: unit, institutionId, sequence, occupied });
    return { topic: TOPICS.institutionOccupancy, key: unit, value: JSON.stringify(event) };
  }

  /** The same event as it was sent before ADR 0130/0131: `sequence` a JSON number, no content-type header. */
  function oldFormEvent(sequence: number, occupied: number, unit: string) {
    const message = occupancyEvent(sequence, occupied, unit);
    const event = JSON.parse(message.value) as Record<string, unknown>;
    return { ...message, value: JSON.stringify({ ...event, sequence }), contentType: null };
  }

  async function deadLetterCount(): Promise<number> {
    const admin = stack.messaging.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(
        stack.messaging.topic(`${TOPICS.institutionOccupancy}.dlq`),
      );
      return offsets.reduce((n, p) => n + Number(p.high), 0);
    } finally {
      await admin.disconnect();
    }
  }

  async function quiet(): Promise<void> {
    await eventually(
      async () =>
        expect(await stack.messaging.consumerLag(CONSUMER_GROUP, TOPICS.institutionOccupancy)).toBe(0),
      {
        timeoutMs: 20_000,
        intervalMs: 100,
      },
    );
  }

  async function snapshot(scope: Scope, id?: string): Promise<CapacitySnapshot> {
    return capacity.call(getCapacitySnapshot, { query: { scope, id } });
  }

  beforeAll(async () => {
    stack = await startTestStack({ only: ['capacity-service'] });
    producer = new EventProducer(stack.messaging);
    capacity = capacityClient(
      stack.urlOf('capacity-service'),
      await signDevToken({ roles: ['intake'], institutionIds: [], districtCode: null }),
    );
  }, 120_000);

  afterAll(async () => {
    await producer?.disconnect();
    await stack?.dispose();
  });

  it('applies events in sequence order and ignores a duplicate and an older sequence', async () => {
    await producer.send([occupancyEvent(1, 0), occupancyEvent(2, 1), occupancyEvent(3, 2)]);
    await quiet();
    const applied = await snapshot('unit', unitId);
    expect(applied.totals).toMatchObject({ capacity: 10, occupied: 2, available: 8 });
    const cityBefore = await snapshot('city');

    // The same event again, then an older one after the newer: at-least-once delivery and a replay.
    await producer.send([occupancyEvent(3, 2), occupancyEvent(2, 1)]);
    await quiet();

    expect(await snapshot('unit', unitId)).toEqual(applied);
    expect(await snapshot('city')).toEqual(cityBefore);
    expect(await snapshot('category', 'resource-centre')).toMatchObject({
      totals: { occupied: 2, capacity: 10 },
    });
  });

  it('sends a malformed message to the dead-letter topic and keeps the partition flowing', async () => {
    await producer.send([
      { topic: TOPICS.institutionOccupancy, key: unitId, value: '{"not":"an event"}' },
      occupancyEvent(4, 3),
    ]);
    await quiet();
    expect((await snapshot('unit', unitId)).totals.occupied).toBe(3);
    const dlq = stack.messaging.kafka.admin();
    await dlq.connect();
    try {
      const offsets = await dlq.fetchTopicOffsets(
        stack.messaging.topic(`${TOPICS.institutionOccupancy}.dlq`),
      );
      expect(offsets.reduce((n, p) => n + Number(p.high), 0)).toBe(1);
    } finally {
      await dlq.disconnect();
    }
  });

  it('dead-letters an event whose name holds a NUL or an identity number instead of applying it (ADR 0110)', async () => {
    const withName = (sequence: number, unitName: string) => {
      const message = occupancyEvent(sequence, 4);
      const event = JSON.parse(message.value) as { data: { unitName: string } };
      event.data.unitName = unitName;
      return { ...message, value: JSON.stringify(event) };
    };
    await producer.send([
      withName(5, 'Avdeling\u00001'),
      withName(5, 'Avdeling 01019012480'),
      occupancyEvent(5, 4),
    ]);
    await quiet();
    const unit = await snapshot('unit', unitId);
    expect(unit).toMatchObject({ name: 'Avdeling 1', totals: { occupied: 4 } });
    const dlq = stack.messaging.kafka.admin();
    await dlq.connect();
    try {
      const offsets = await dlq.fetchTopicOffsets(
        stack.messaging.topic(`${TOPICS.institutionOccupancy}.dlq`),
      );
      // The malformed message of the test before, and these two.
      expect(offsets.reduce((n, p) => n + Number(p.high), 0)).toBe(3);
    } finally {
      await dlq.disconnect();
    }
  });

  it('applies the events the topic held before the sequence string (a number) in order with new ones (ADR 0131)', async () => {
    const replayed = randomUUID();
    const deadLettersBefore = await deadLetterCount();
    await producer.send([
      oldFormEvent(1, 0, replayed),
      oldFormEvent(9, 1, replayed),
      // New, and as a string "…10" after "…9" only because it is padded; the consumer compares numbers.
      occupancyEvent(10, 2, replayed),
      // Older ones again, in both forms, change nothing.
      oldFormEvent(9, 1, replayed),
      occupancyEvent(9, 1, replayed),
    ]);
    await quiet();
    // 10's state: had a 9 been applied after it (as "9" > "10" unpadded would), occupied would be 1.
    expect((await snapshot('unit', replayed)).totals).toMatchObject({ occupied: 2, available: 8 });
    expect(await deadLetterCount()).toBe(deadLettersBefore);
  });

  /** The units of the next test, for the test of the migration after it. */
  let overCapacity: { institution: string; a: string; b: string } | undefined;

  it('gives history the free places per unit, like the summary, when a unit is over capacity (ADR 0192)', async () => {
    // Its own institution: a is 2 over its 10 places, b has 3 free. Summed counts would say 1 free.
    const institution = randomUUID();
    const [a, b] = [randomUUID(), randomUUID()];
    const event = (unit: string, sequence: number, occupied: number) => {
      const e = occupancyChangedEvent({ unitId: unit, institutionId: institution, sequence, occupied });
      return { topic: TOPICS.institutionOccupancy, key: unit, value: JSON.stringify(e) };
    };
    await producer.send([event(a, 1, 9), event(b, 1, 7), event(a, 2, 12)]);
    await quiet();
    overCapacity = { institution, a, b };

    const today = zonedDate(Date.now());
    const lastPoint = async (scope: 'city' | 'institution', id?: string) => {
      const series = await capacity.call(getCapacityHistory, {
        query: { scope, id, from: today, to: addCalendarDays(today, 1), step: 'hour' },
      });
      return series.points[series.points.length - 1];
    };
    const own = await snapshot('institution', institution);
    expect(own.totals).toMatchObject({ capacity: 20, occupied: 19, available: 3, overCapacity: 2 });
    expect(await lastPoint('institution', institution)).toMatchObject({
      capacity: 20,
      occupied: 19,
      available: 3,
      overCapacity: 2,
    });
    // The whole city, everything this suite sent: history's last step and the summary give one figure.
    const summary = await capacity.call(getCapacitySummary, {});
    const city = await lastPoint('city');
    expect(city.available).toBe(summary.city.totals.available);
    expect(city.overCapacity).toBe(summary.city.totals.overCapacity);
    expect(city.overCapacity).toBeGreaterThanOrEqual(2);
  });

  it('fills existing history rows per unit as the projection writes them, else from the summed counts (migration 1767400000000)', async () => {
    const { institution, a, b } = overCapacity!;
    const db = new Client({
      connectionString: databaseUrl(stack.settings.databaseUrl, `${stack.settings.databasePrefix}_capacity`),
    });
    await db.connect();
    const rows = async () =>
      (
        await db.query<{ scope_key: string; free_delta: number; over_capacity_delta: number }>(
          `SELECT scope_key, unit_id, sequence, free_delta, over_capacity_delta FROM scope_history
            ORDER BY scope_key, unit_id, sequence`,
        )
      ).rows;
    const summed = async (key: string) =>
      (
        await db.query<{ free: number; over: number }>(
          `SELECT sum(free_delta)::int AS free, sum(over_capacity_delta)::int AS over
             FROM scope_history WHERE scope_key = $1`,
          [key],
        )
      ).rows[0];
    const backfill = async () => {
      await db.query('UPDATE scope_history SET free_delta = 0, over_capacity_delta = 0');
      await db.query(BACKFILL_HISTORY_FREE_PLACES);
    };
    try {
      await db.query('BEGIN');
      const written = await rows();
      expect(written.some((r) => r.over_capacity_delta !== 0)).toBe(true);
      await backfill();
      expect(await rows()).toEqual(written);

      // A's history begins after a did (its first event is missing): its scopes fall back to
      // max(0, summed available) — the institution's is 3 − 3 = 0 — while b's own scope stays exact.
      await db.query('DELETE FROM scope_history WHERE unit_id = $1 AND sequence = 1', [a]);
      await backfill();
      expect(await summed(`institution:${institution}`)).toEqual({ free: 0, over: 0 });
      expect(await summed(`unit:${a}`)).toEqual({ free: 0, over: 3 });
      expect(await summed(`unit:${b}`)).toEqual({ free: 3, over: 0 });
    } finally {
      await db.query('ROLLBACK');
      await db.end();
    }
  });
});
