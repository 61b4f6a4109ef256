/**
 * No message can stop the read model (ADR 0105), against real Kafka and PostgreSQL: messages the
 * database refuses go to the dead-letter topic with the reason, every other event of the batch, of every
 * partition and of the same unit later still reaches the read model; a transient failure is retried,
 * never dead-lettered, and shows in readiness while it lasts.
 */
import { randomUUID } from 'node:crypto';
import { signDevToken } from '@plass/auth';
import {
  deadLetterTopic,
  getCapacitySnapshot,
  TOPICS,
  unitOccupancyChanged,
  type CapacitySnapshot,
  type ContractClient,
} from '@plass/contracts';
import { DEAD_LETTER_MAX_BYTES, EventProducer, type Messaging } from '@plass/messaging';
import { eventually, occupancyChangedEvent, startTestStack, type TestStack } from '@plass/testing';
import { Client } from 'pg';
import { CONSUMER_GROUP } from '../src/projection/occupancy-projection.service';
import { capacityClient } from './contract-client';

/** Passes the contract (zod's ISO date-time) but is outside PostgreSQL's timestamptz range: SQLSTATE 22008. */
const YEAR_ZERO = '0000-01-01T00:00:00.000Z';
/** Refused by a CHECK constraint this test adds to the event history: SQLSTATE 23514. */
const CHECKED_NAME = 'Refused by a check constraint';

interface DeadLetter {
  offset: string;
  sourceOffset: string;
  headers: Record<string, string>;
  size: number;
  value: string;
}

describe('dead letters of the read model against real Kafka and PostgreSQL', () => {
  let stack: TestStack;
  let producer: EventProducer;
  let capacity: ContractClient;
  let db: Client;
  let dlq: ReturnType<Messaging['kafka']['consumer']>;
  const letters: DeadLetter[] = [];
  const institutionId = randomUUID();

  function occupancyEvent(
    unitId: string,
    sequence: number,
    occupied: number,
    overrides: { unitName?: string; time?: string } = {},
  ) {
    const event = occupancyChangedEvent({
      unitId,
      institutionId,
      sequence,
      occupied,
      unitName: overrides.unitName ?? `Avdeling ${unitId.slice(0, 4)}`,
    });
    const value = { ...event, time: overrides.time ?? event.time };
    return { topic: TOPICS.institutionOccupancy, key: unitId, value: JSON.stringify(value) };
  }

  async function quiet(): Promise<void> {
    await eventually(
      async () =>
        expect(await stack.messaging.consumerLag(CONSUMER_GROUP, TOPICS.institutionOccupancy)).toBe(0),
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  }

  async function unit(id: string): Promise<CapacitySnapshot> {
    return capacity.call(getCapacitySnapshot, { query: { scope: 'unit', id } });
  }

  async function ready(): Promise<{ status: number; body: { checks?: Record<string, string> } }> {
    const response = await fetch(`${stack.urlOf('capacity-service')}/health/ready`);
    return { status: response.status, body: (await response.json()) as { checks?: Record<string, string> } };
  }

  beforeAll(async () => {
    // Readiness reports a stalled consumer after 3 s here (60 s by default).
    process.env.CONSUMER_STALL_LIMIT_MS = '3000';
    stack = await startTestStack({ only: ['capacity-service'] });
    delete process.env.CONSUMER_STALL_LIMIT_MS;
    producer = new EventProducer(stack.messaging);
    capacity = capacityClient(
      stack.urlOf('capacity-service'),
      await signDevToken({ roles: ['intake'], institutionIds: [], districtCode: null }),
    );
    db = new Client({
      connectionString: `${stack.settings.databaseUrl}/${stack.settings.databasePrefix}_capacity`,
    });
    await db.connect();
    // On the history, which keeps every event (unit_state keeps only a batch's last state of a unit).
    await db.query(
      `ALTER TABLE occupancy_event ADD CONSTRAINT test_refused_name CHECK (data->>'unitName' <> '${CHECKED_NAME}')`,
    );
    dlq = stack.messaging.kafka.consumer({ groupId: `${stack.settings.kafkaTopicPrefix}.dlq-reader` });
    await dlq.connect();
    await dlq.subscribe({
      topics: [stack.messaging.topic(deadLetterTopic(TOPICS.institutionOccupancy))],
      fromBeginning: true,
    });
    await dlq.run({
      eachMessage: ({ message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
        );
        letters.push({
          offset: message.offset,
          sourceOffset: headers['x-dlq-source-offset'],
          headers,
          size: message.value?.length ?? 0,
          value: message.value?.toString('utf8') ?? '',
        });
        return Promise.resolve();
      },
    });
  }, 120_000);

  afterAll(async () => {
    await dlq?.disconnect();
    await db?.end();
    await producer?.disconnect();
    await stack?.dispose();
  });

  it('creates a size-limited dead-letter topic for every topic, capacity.alerts.v1 too', async () => {
    const admin = stack.messaging.kafka.admin();
    await admin.connect();
    try {
      const topics = new Set(await admin.listTopics());
      for (const topic of Object.values(TOPICS)) {
        expect(topics).toContain(stack.messaging.topic(deadLetterTopic(topic)));
      }
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: 2, name: stack.messaging.topic(deadLetterTopic(TOPICS.capacityAlerts)) }],
      });
      const limit = resources[0].configEntries.find((e) => e.configName === 'max.message.bytes');
      expect(limit?.configValue).toBe(String(DEAD_LETTER_MAX_BYTES));
    } finally {
      await admin.disconnect();
    }
  });

  it('dead-letters each event PostgreSQL refuses and applies every other, on every partition', async () => {
    const units = Array.from({ length: 8 }, () => randomUUID());
    const [nul, yearZero, checked] = units;
    // Schema-valid: the contract accepts them (as long as it does not refuse NUL; then that one is
    // dead-lettered by the contract instead), PostgreSQL does not.
    const refusedYear = occupancyEvent(yearZero, 2, 2, { time: YEAR_ZERO });
    expect(() => unitOccupancyChanged.parse(JSON.parse(refusedYear.value))).not.toThrow();
    const refusedCheck = occupancyEvent(checked, 2, 2, { unitName: CHECKED_NAME });
    await producer.send([
      ...units.map((id) => occupancyEvent(id, 1, 1)),
      occupancyEvent(nul, 2, 2, { unitName: 'Avdeling\u0000 NUL' }),
      refusedYear,
      refusedCheck,
      // Later events of the same units, and of the others: each carries the unit's resulting state.
      ...units.map((id) => occupancyEvent(id, 3, 3)),
    ]);
    await quiet();

    for (const id of units) expect((await unit(id)).totals).toMatchObject({ occupied: 3, available: 7 });
    const { rows } = await db.query<{ unit_id: string; sequence: string }>(
      'SELECT unit_id, sequence FROM occupancy_event WHERE unit_id = ANY($1::uuid[]) AND sequence = 2',
      [units],
    );
    expect(rows).toEqual([]);

    await eventually(() => expect(letters).toHaveLength(3), { timeoutMs: 15_000 });
    const byUnit = new Map(
      letters.map((l) => [JSON.parse(l.value.replace(/\\u0000/g, '')).subject as string, l]),
    );
    expect(byUnit.get(yearZero)?.headers).toMatchObject({
      'x-dlq-kind': 'refused',
      'x-dlq-error-code': '22008',
      'x-dlq-truncated': 'false',
    });
    expect(byUnit.get(yearZero)?.headers['x-dlq-reason']).toMatch(/date\/time field value out of range/);
    expect(byUnit.get(checked)?.headers).toMatchObject({
      'x-dlq-kind': 'refused',
      'x-dlq-error-code': '23514',
    });
    // NUL: refused by PostgreSQL (22P05 in jsonb, 22021 in text), or by the contract once it refuses NUL.
    const nulHeaders = byUnit.get(nul)?.headers ?? {};
    expect(
      nulHeaders['x-dlq-kind'] === 'invalid' || /^22(021|P05)$/.test(nulHeaders['x-dlq-error-code'] ?? ''),
    ).toBe(true);
    for (const letter of letters) {
      expect(letter.headers).toMatchObject({
        'x-dlq-source-topic': stack.messaging.topic(TOPICS.institutionOccupancy),
        'x-dlq-original-size': String(Buffer.byteLength(letter.value)),
        // Whole, it is the CloudEvent its source was, with the same binding header (ADR 0130).
        'content-type': 'application/cloudevents+json',
      });
      expect(letter.headers['x-dlq-source-offset']).toMatch(/^\d+$/);
    }
  });

  it('stores a dead letter of a message close to the broker limit truncated, and goes on', async () => {
    const before = letters.length;
    const unitId = randomUUID();
    const huge = `{"padding":"${'x'.repeat(1_040_000)}"}`;
    await producer.send([
      { topic: TOPICS.institutionOccupancy, key: unitId, value: huge },
      occupancyEvent(unitId, 1, 4),
    ]);
    await quiet();
    expect((await unit(unitId)).totals.occupied).toBe(4);
    await eventually(() => expect(letters).toHaveLength(before + 1), { timeoutMs: 15_000 });
    const letter = letters[before];
    expect(letter.headers).toMatchObject({
      'x-dlq-kind': 'invalid',
      'x-dlq-truncated': 'true',
      'x-dlq-original-size': String(huge.length),
    });
    expect(letter.size).toBeLessThan(huge.length);
    // Cut short, it is no whole event: no content-type.
    expect(letter.headers['content-type']).toBeUndefined();
  });

  it('retries a transient failure without dead-lettering it, and is not ready while it lasts', async () => {
    const before = letters.length;
    expect((await ready()).status).toBe(200);
    // A read model table gone (SQLSTATE 42P01) is not the message's fault: it must wait, not be dropped.
    await db.query('ALTER TABLE occupancy_event RENAME TO occupancy_event_away');
    const unitId = randomUUID();
    try {
      await producer.send([occupancyEvent(unitId, 1, 5)]);
      await eventually(
        async () => {
          const { status, body } = await ready();
          expect(status).toBe(503);
          expect(body.checks?.consumers).toMatch(/made no progress/);
        },
        { timeoutMs: 20_000, intervalMs: 250 },
      );
    } finally {
      await db.query('ALTER TABLE occupancy_event_away RENAME TO occupancy_event');
    }
    await quiet();
    expect((await unit(unitId)).totals.occupied).toBe(5);
    expect((await ready()).status).toBe(200);
    expect(letters).toHaveLength(before);
  });
});
