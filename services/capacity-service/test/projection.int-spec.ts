import { randomUUID } from 'node:crypto';
import { signDevToken } from '@plass/auth';
import {
  getCapacitySnapshot,
  TOPICS,
  type CapacitySnapshot,
  type ContractClient,
  type Scope,
} from '@plass/contracts';
import { EventProducer } from '@plass/messaging';
import { eventually, occupancyChangedEvent, startTestStack, type TestStack } from '@plass/testing';
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
});
