/**
 * The outbox relay against a real PostgreSQL and Kafka: rows are published in order, each exactly once,
 * and a message Kafka refuses for good (larger than the broker takes) is marked failed without holding
 * up the rows behind it.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { TOPICS } from '@plass/contracts';
import { metricsRegistry } from '@plass/observability';
import { createDataSource, dropDatabase, ensureDatabase, databaseUrl } from '@plass/persistence';
import type { DataSource } from 'typeorm';
import { silentLogger, type KafkaSasl } from '../core/config';
import { Messaging } from '../core/kafka';
import { EventProducer } from '../core/producer';
import { OutboxRelay, outboxBacklogOf } from './outbox.relay';
import { OUTBOX_UP_SQL } from './outbox.schema';
import { enqueueOutbox } from './outbox.writer';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const runId = randomBytes(4).toString('hex');
const database = `plass_relay_${runId}`;
const topic = TOPICS.institutionOccupancy;

/**
 * The local broker's super user (`kafka.sh client-config`, which honours KAFKA_PORT and KAFKA_DATA_DIR):
 * the test creates and deletes a topic of its own. (libs/testing, which does this for the stacks, depends
 * on this library.)
 */
function localSuperUser(): { brokers: string[]; sasl: KafkaSasl } {
  const script = path.resolve(__dirname, '../../../../infra/kafka/kafka.sh');
  const out = execFileSync('bash', [script, 'client-config', 'admin'], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() ?? '') as { brokers: string[]; sasl: KafkaSasl };
}

interface OutboxRow {
  id: string;
  key: string;
  published_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('OutboxRelay (PostgreSQL and Kafka)', () => {
  let dataSource: DataSource;
  let messaging: Messaging;
  let producer: EventProducer;
  let relay: OutboxRelay | undefined;

  beforeAll(async () => {
    await ensureDatabase(serverUrl, database);
    dataSource = createDataSource({ serverUrl, database, entities: [], migrations: [] });
    await dataSource.initialize();
    await dataSource.query(OUTBOX_UP_SQL);
    const local = localSuperUser();
    messaging = new Messaging(
      {
        brokers: process.env.KAFKA_BROKERS?.split(',') ?? local.brokers,
        clientId: `relay-test-${runId}`,
        sasl: local.sasl,
        topicPrefix: `relay-${runId}`,
        partitions: 1,
        replicationFactor: 1,
      },
      silentLogger,
    );
    await messaging.ensureTopics([{ topic, partitions: 1 }]);
    producer = new EventProducer(messaging);
  });

  afterAll(async () => {
    // Bounded: a relay stuck in a drain (the bug this test was written for) must not hang the run.
    // The bound's timer is cleared as soon as the relay stops: left running it kept the test process
    // alive for up to 5 s after the last test (found with --detectOpenHandles once forceExit went).
    let bound: NodeJS.Timeout | undefined;
    await Promise.race([relay?.stop(), new Promise((resolve) => (bound = setTimeout(resolve, 5000)))]);
    clearTimeout(bound);
    await producer?.disconnect();
    await messaging?.deleteOwnTopics().catch(() => undefined);
    await dataSource?.destroy();
    await dropDatabase(serverUrl, database);
  });

  it('publishes every row once and in order, and marks the one Kafka refuses as failed', async () => {
    // Larger than the broker's message.max.bytes (1 MiB by default): refused for good, not retried.
    const tooLarge = 'x'.repeat(2 * 1024 * 1024);
    const keys = ['k1', 'k2', 'k3', 'too-large', 'k4', 'k5'];
    await dataSource.transaction((manager) =>
      enqueueOutbox(
        manager,
        keys.map((key) => ({
          topic,
          key,
          value: key === 'too-large' ? tooLarge : JSON.stringify({ key }),
        })),
      ),
    );

    const received: string[] = [];
    const consumer = messaging.kafka.consumer({ groupId: `relay-test-${runId}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: [messaging.topic(topic)], fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        received.push(message.key?.toString() ?? '');
        return Promise.resolve();
      },
    });
    try {
      relay = new OutboxRelay({
        dataSource,
        producer,
        logger: silentLogger,
        listenUrl: databaseUrl(serverUrl, database),
        pollIntervalMs: 200,
      });
      relay.start();

      await until('five messages received', () => Promise.resolve(received.length >= 5));
      const rows = await dataSource.query<OutboxRow[]>(
        'SELECT id, key, published_at, failed_at, last_error FROM outbox ORDER BY id',
      );
      expect(rows.map((r) => r.key)).toEqual(keys);
      const failed = rows.filter((r) => r.failed_at !== null);
      expect(failed.map((r) => r.key)).toEqual(['too-large']);
      expect(failed[0].published_at).toBeNull();
      expect(failed[0].last_error).toMatch(/large/i);
      expect(rows.filter((r) => r.published_at !== null).map((r) => r.key)).toEqual([
        'k1',
        'k2',
        'k3',
        'k4',
        'k5',
      ]);

      // A new row after the failed one still flows, and nothing is sent twice.
      await dataSource.transaction((manager) =>
        enqueueOutbox(manager, [{ topic, key: 'k6', value: JSON.stringify({ key: 'k6' }) }]),
      );
      await until('the sixth message received', () => Promise.resolve(received.length >= 6));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(received).toEqual(['k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
    } finally {
      await consumer.disconnect();
    }
  });

  it('shows the backlog and the age of its oldest row at scrape time, and what it published and failed', async () => {
    // The first test's relay published k1–k6 and failed one; stop it so the new rows stay unpublished.
    await relay?.stop();
    relay = undefined;
    const scrape = async () => metricsRegistry.metrics();
    expect(await scrape()).toMatch(/^plass_outbox_published_total 6$/m);
    expect(await scrape()).toMatch(/^plass_outbox_failed_total 1$/m);
    expect(await outboxBacklogOf(dataSource)).toEqual({ pending: 0, oldestAgeSeconds: 0 });

    await dataSource.transaction((manager) =>
      enqueueOutbox(manager, [
        { topic, key: 'late-1', value: '{}' },
        { topic, key: 'late-2', value: '{}' },
      ]),
    );
    await dataSource.query(
      "UPDATE outbox SET created_at = now() - interval '90 seconds' WHERE key IN ('late-1', 'late-2')",
    );
    // Kafka is "down" for this relay: every send fails and is retried, the rows stay in the outbox.
    const down = new OutboxRelay({
      dataSource,
      producer: {
        send: () => Promise.reject(Object.assign(new Error('broker down'), { retriable: true })),
      } as unknown as EventProducer,
      logger: silentLogger,
      listenUrl: databaseUrl(serverUrl, database),
      pollIntervalMs: 200,
    });
    down.start();
    try {
      const text = await scrape();
      expect(text).toMatch(/^plass_outbox_backlog_messages 2$/m);
      const age = Number(/^plass_outbox_oldest_unpublished_age_seconds (\S+)$/m.exec(text)?.[1]);
      expect(age).toBeGreaterThanOrEqual(90);
      expect(age).toBeLessThan(120);
    } finally {
      await down.stop();
    }
    // A stopped relay shows no backlog it no longer watches.
    expect(await scrape()).not.toMatch(/^plass_outbox_backlog_messages 2$/m);
  });
});
