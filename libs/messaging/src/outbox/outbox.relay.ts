/**
 * Publishes outbox rows to Kafka in order. Woken by LISTEN/NOTIFY, with a polling fallback; one relay
 * publishes at a time (advisory lock) so per-key order survives several service replicas; rows are
 * locked FOR UPDATE SKIP LOCKED and marked published in the transaction that read them. A failed send
 * rolls back and retries with backoff; a message Kafka can never take is marked failed, visibly.
 */
import { Client } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import type { MessagingLogger } from '../core/config';
import { outboxBacklog, outboxFailed, outboxOldestAge, outboxPublished } from '../core/messaging-metrics';
import type { EventProducer, OutgoingMessage } from '../core/producer';
import { OUTBOX_CHANNEL } from './outbox.schema';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  producer: EventProducer;
  logger: MessagingLogger;
  /** Connection string for the dedicated LISTEN connection. */
  listenUrl: string;
  pollIntervalMs?: number;
  batchSize?: number;
  maxBackoffMs?: number;
  /** Published rows older than this are deleted. */
  keepPublishedMs?: number;
}

interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string> | null;
}

const RELAY_LOCK = 0x706c6173; // 'plas'

export class OutboxRelay {
  private listener: Client | null = null;
  private running = false;
  private wake: (() => void) | null = null;
  private pending = false;
  private loop: Promise<void> | null = null;
  private failures = 0;
  private lastCleanup = 0;
  /** Messages published since start; tests and metrics read it. */
  published = 0;
  private removeMetrics: (() => void) | null = null;

  constructor(private readonly options: OutboxRelayOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.removeMetrics = this.registerMetrics();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.removeMetrics?.();
    this.removeMetrics = null;
    this.notify();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  /**
   * The backlog gauges, read at scrape time with one query that the partial index `outbox_pending_idx`
   * answers (it holds only the unpublished rows); the counters start at 0 so their first increase shows.
   */
  private registerMetrics(): () => void {
    outboxPublished().inc(0);
    outboxFailed().inc(0);
    let read: Promise<OutboxBacklog> | null = null;
    // Both gauges from one query per scrape: the first of the two reads it, the second takes its answer.
    const backlog = () => {
      read ??= outboxBacklogOf(this.options.dataSource).finally(() => setImmediate(() => (read = null)));
      return read;
    };
    const removals = [
      outboxBacklog().add(async () => [{ value: (await backlog()).pending }]),
      outboxOldestAge().add(async () => [{ value: (await backlog()).oldestAgeSeconds }]),
    ];
    return () => {
      for (const remove of removals) remove();
    };
  }

  /** Asks the relay to drain now (also called by NOTIFY). */
  notify(): void {
    this.pending = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    const { pollIntervalMs = 1000, maxBackoffMs = 30_000, batchSize = 500, logger } = this.options;
    while (this.running) {
      try {
        await this.ensureListening();
        this.pending = false;
        // A full batch may leave rows behind: drain again. A short one took all there was; rows committed
        // since then have notified (`pending`), so `sleep` returns at once for them. No empty drain (a
        // transaction, the advisory lock and a SELECT) after every publish.
        while (this.running && (await this.drainOnce()) >= batchSize) {
          // keep draining while full batches come
        }
        this.failures = 0;
        await this.cleanup();
        await this.sleep(pollIntervalMs);
      } catch (error) {
        this.failures += 1;
        const backoff = Math.min(maxBackoffMs, 100 * 2 ** Math.min(this.failures, 10));
        logger.warn(
          { err: errorText(error), attempt: this.failures, backoffMs: backoff },
          'outbox relay retrying',
        );
        await this.backoff(backoff);
      }
    }
  }

  /**
   * Waits after a failure; only stop() cuts it short. Not `sleep`: a lost LISTEN connection sets
   * `pending` (notify) and nothing clears it until the listener reconnects, so while the database was
   * down `sleep` returned at once and the relay retried in a hot loop (hundreds of attempts a second).
   */
  private backoff(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        if (this.running) return;
        this.wake = null;
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private sleep(ms: number): Promise<void> {
    if (this.pending || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private async ensureListening(): Promise<void> {
    if (this.listener) return;
    const client = new Client({ connectionString: this.options.listenUrl, application_name: 'outbox-relay' });
    client.on('notification', () => this.notify());
    client.on('error', (error) => {
      this.options.logger.warn({ err: errorText(error) }, 'outbox listener connection lost');
      if (this.listener === client) this.listener = null;
      client.end().catch(() => undefined);
      this.notify();
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.listener = client;
  }

  /** Publishes one batch; returns how many rows it published. */
  private async drainOnce(): Promise<number> {
    const { dataSource, producer, batchSize = 500 } = this.options;
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [
        RELAY_LOCK,
      ])) as {
        locked: boolean;
      }[];
      if (!locked) {
        await runner.rollbackTransaction();
        return 0;
      }
      const rows = (await runner.query(
        `SELECT id, topic, key, value, headers FROM outbox
          WHERE published_at IS NULL AND failed_at IS NULL
          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize],
      )) as OutboxRow[];
      if (rows.length === 0) {
        await runner.commitTransaction();
        return 0;
      }
      const ok = await this.publish(rows, producer, runner);
      if (ok.length > 0) {
        await runner.query(
          'UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1)',
          [ok],
        );
      }
      await runner.commitTransaction();
      this.published += ok.length;
      outboxPublished().inc(ok.length);
      return rows.length;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * Sends the rows; on a non-retriable error sends them one by one and marks the ones Kafka refuses
   * as failed (they would block the outbox for ever). Retriable errors propagate: the batch retries.
   * The mark goes through the drain's own transaction: it holds the rows' locks, so a statement on
   * another connection would wait for it for ever.
   */
  private async publish(rows: OutboxRow[], producer: EventProducer, runner: QueryRunner): Promise<string[]> {
    const toMessage = (r: OutboxRow): OutgoingMessage => ({
      topic: r.topic,
      key: r.key,
      value: r.value,
      headers: r.headers ?? undefined,
    });
    try {
      await producer.send(rows.map(toMessage));
      return rows.map((r) => r.id);
    } catch (error) {
      if (isRetriable(error)) throw error;
    }
    const published: string[] = [];
    for (const row of rows) {
      try {
        await producer.send([toMessage(row)]);
        published.push(row.id);
      } catch (error) {
        if (isRetriable(error)) throw error;
        await runner.query(
          'UPDATE outbox SET failed_at = now(), attempts = attempts + 1, last_error = $2 WHERE id = $1',
          [row.id, errorText(error)],
        );
        outboxFailed().inc();
        this.options.logger.error(
          { outboxId: row.id, topic: row.topic, key: row.key, err: errorText(error) },
          'outbox message failed for good; it stays in the outbox table with failed_at set',
        );
      }
    }
    return published;
  }

  private async cleanup(): Promise<void> {
    const { keepPublishedMs = 24 * 3600_000 } = this.options;
    if (Date.now() - this.lastCleanup < 60_000) return;
    this.lastCleanup = Date.now();
    await this.options.dataSource.query(
      `DELETE FROM outbox WHERE published_at < now() - ($1::bigint * interval '1 millisecond')`,
      [keepPublishedMs],
    );
  }
}

interface OutboxBacklog {
  pending: number;
  oldestAgeSeconds: number;
}

/**
 * Unpublished rows and the age of the oldest (by id, the relay's order): both from the partial index
 * on unpublished rows, so the query costs the backlog, not the table (published rows are kept a day).
 */
export async function outboxBacklogOf(dataSource: DataSource): Promise<OutboxBacklog> {
  const [row] = await dataSource.query<{ pending: number; oldest: number }[]>(
    `SELECT (SELECT count(*) FROM outbox WHERE published_at IS NULL AND failed_at IS NULL)::int AS pending,
            coalesce(extract(epoch FROM now() - (
              SELECT created_at FROM outbox WHERE published_at IS NULL AND failed_at IS NULL ORDER BY id LIMIT 1
            )), 0)::float8 AS oldest`,
  );
  return { pending: row.pending, oldestAgeSeconds: Math.max(0, row.oldest) };
}

function isRetriable(error: unknown): boolean {
  // kafkajs wraps the last cause in KafkaJSNumberOfRetriesExceeded (itself marked non-retriable):
  // judge the cause, so a broker that is down is retried for as long as it takes.
  let e = error as { retriable?: boolean; name?: string; cause?: unknown } | undefined;
  while (e?.name === 'KafkaJSNumberOfRetriesExceeded' && e.cause) e = e.cause;
  return e?.retriable !== false;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
