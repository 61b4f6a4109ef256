/**
 * A schema-valid message PostgreSQL refuses (ADR 0105): copies of real occupancy events whose `time` is
 * year 0000. The contract accepts it (an ISO 8601 date-time), PostgreSQL's timestamptz does not (SQLSTATE
 * 22008, date/time field value out of range). They are injected on several units' own partitions under
 * the steady load; each must reach the dead-letter topic as `refused`, and every acknowledged write, on
 * every partition, must still reach the read model (the suite's recovery and invariant).
 *
 * Before ADR 0105 one such message made the capacity service retry its merged batch — every partition —
 * for ever. If the contract ever refuses year 0000, the row says so: pick another value the database
 * refuses and the contract accepts.
 */
import { randomBytes } from 'node:crypto';
import { deadLetterTopic, TOPICS, unitOccupancyChanged } from '@plass/contracts';
import { EventProducer } from '@plass/messaging';
import { startKafkaProbe } from '@plass/testing';
import type { FaultSpec } from '../faults';
import type { FaultContext } from '../invariant';

const YEAR_ZERO = '0000-01-01T00:00:00.000Z';
const REFUSED = 6;

interface Letter {
  offset: string;
  headers: Record<string, string>;
}

/** The dead letters on the occupancy DLQ from `from` on, with their headers (one partition). */
async function readLetters(ctx: FaultContext, from: number, count: number): Promise<Letter[]> {
  const topic = ctx.messaging.topic(deadLetterTopic(TOPICS.institutionOccupancy));
  const consumer = ctx.messaging.kafka.consumer({
    groupId: `${ctx.settings.kafkaTopicPrefix}.refused-reader-${randomBytes(4).toString('hex')}`,
    maxWaitTimeInMs: 100,
  });
  const letters: Letter[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        if (Number(message.offset) >= from) {
          letters.push({
            offset: message.offset,
            headers: Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
            ),
          });
        }
        return Promise.resolve();
      },
    });
    const deadline = Date.now() + 15_000;
    while (letters.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  } finally {
    await consumer.disconnect();
  }
  return letters;
}

async function dlqEnd(ctx: FaultContext): Promise<number> {
  const admin = ctx.messaging.kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(
      ctx.messaging.topic(deadLetterTopic(TOPICS.institutionOccupancy)),
    );
    return offsets.reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

export const REFUSED_MESSAGE: FaultSpec = {
  key: 'refused-message',
  title: 'a schema-valid message PostgreSQL refuses (dead-lettered, flow continues on every partition)',
  async inject(ctx, notes, problems) {
    // Only valid events: the topic also holds the malformed messages an earlier row injected.
    const probe = await startKafkaProbe<Record<string, unknown> & { subject?: string }>(
      ctx.messaging,
      TOPICS.institutionOccupancy,
      {
        parse: (value) => {
          unitOccupancyChanged.parse(value);
          return value as Record<string, unknown> & { subject?: string };
        },
        skipInvalid: true,
      },
    );
    const byUnit = new Map<string, { partition: number; value: Record<string, unknown> }>();
    try {
      await probe.waitFor(() => true, { count: 20, timeoutMs: 20_000 });
      // A little more of the topic's history, to find units on as many partitions as possible.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      for (const m of probe.messages) {
        if (m.key && !byUnit.has(m.key)) byUnit.set(m.key, { partition: m.partition, value: m.value });
      }
    } finally {
      await probe.stop();
    }
    // Units on as many different partitions as the sample has.
    const picked = new Map<number, [string, Record<string, unknown>]>();
    for (const [unitId, m] of byUnit)
      if (!picked.has(m.partition)) picked.set(m.partition, [unitId, m.value]);
    const targets = [...picked.values()].slice(0, REFUSED);
    const refused = targets.map(([unitId, value]) => ({
      topic: TOPICS.institutionOccupancy,
      key: unitId,
      value: JSON.stringify({ ...value, time: YEAR_ZERO }),
    }));
    for (const m of refused) {
      try {
        unitOccupancyChanged.parse(JSON.parse(m.value));
      } catch (error) {
        problems.push(
          `the contract refuses time ${YEAR_ZERO} now (${(error as Error).message}): pick another value`,
        );
        break;
      }
    }
    const before = await dlqEnd(ctx);
    const producer = new EventProducer(ctx.messaging);
    try {
      await producer.send(refused);
    } finally {
      await producer.disconnect();
    }
    const partitions = [...picked.keys()].slice(0, REFUSED).sort((a, b) => a - b);
    ctx.log(
      `  injected ${refused.length} event(s) with time ${YEAR_ZERO} on partitions ${partitions.join(', ')}`,
    );
    notes.push(
      `injected ${refused.length} schema-valid event(s) with time ${YEAR_ZERO} (PostgreSQL: 22008) ` +
        `on partitions ${partitions.join(', ')}`,
    );
    return {
      healedAt: Date.now(),
      recovered: async () => (await dlqEnd(ctx)) - before >= refused.length,
      afterQuiet: async () => {
        const letters = await readLetters(ctx, before, refused.length);
        const right = letters.filter(
          (l) => l.headers['x-dlq-kind'] === 'refused' && l.headers['x-dlq-error-code'] === '22008',
        );
        notes.push(
          `the occupancy DLQ got ${letters.length} dead letter(s), ${right.length} of them refused by PostgreSQL ` +
            `with 22008 and the reason in x-dlq-reason`,
        );
        if (letters.length !== refused.length || right.length !== refused.length) {
          problems.push(
            `dead letters: ${letters.length} on the occupancy DLQ, ${right.length} refused with 22008 ` +
              `(want ${refused.length} of each): ${JSON.stringify(letters.map((l) => l.headers['x-dlq-reason']))}`,
          );
        }
      },
    };
  },
};
