/**
 * Two replicas' notification workers on one delivery (ADR 0210): the first worker's claim runs out before
 * it records its failed attempt, a second worker claims the delivery again and delivers it; the first
 * worker's late failure must not turn the delivered row back into a pending or failed one.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { dropDatabase, openDatabase } from '@plass/persistence';
import type { DataSource } from 'typeorm';
import { Notifications1767100000000 } from '../src/migrations/1767100000000-notifications';
import { NotificationRepository, type AttemptResult } from '../src/notifications/notification.repository';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';

const attempt = (ok: boolean): AttemptResult => ({
  at: new Date(),
  ok,
  statusCode: ok ? 200 : 503,
  error: ok ? null : 'unavailable',
  durationMs: 5,
});

describe('notification deliveries claimed by two workers', () => {
  const database = `plass_test_lease_${randomBytes(3).toString('hex')}`;
  const repository = new NotificationRepository();
  let db: DataSource;

  beforeAll(async () => {
    db = await openDatabase({
      serverUrl: SERVER,
      database,
      entities: [],
      migrations: [Notifications1767100000000],
    });
  });

  afterAll(async () => {
    await db?.destroy();
    await dropDatabase(SERVER, database);
  });

  async function pendingDelivery(): Promise<string> {
    const subscription = randomUUID();
    const delivery = randomUUID();
    await db.query(
      `INSERT INTO notification_subscription (id, kind, owner_sub, url, secret, codes, scope_type, scope_key)
       VALUES ($1, 'webhook', 'test-owner', 'http://127.0.0.1:1/hook', $2, '{OVER_CAPACITY}', 'city', 'city')`,
      [subscription, 'x'.repeat(32)],
    );
    await db.query(
      `INSERT INTO notification_delivery (id, subscription_id, alert_id, code, transition, payload, next_attempt_at)
       VALUES ($1, $2, $3, 'OVER_CAPACITY', 'raised', '{}'::jsonb, now() - interval '1 second')`,
      [delivery, subscription, randomUUID()],
    );
    return delivery;
  }

  const row = async (id: string) =>
    (
      await db.query<{ status: string; attempts: number }[]>(
        'SELECT status, attempts FROM notification_delivery WHERE id = $1',
        [id],
      )
    )[0];
  const failures = async (id: string) =>
    (
      await db.query<{ consecutive_failures: number }[]>(
        `SELECT s.consecutive_failures FROM notification_subscription s
           JOIN notification_delivery d ON d.subscription_id = s.id WHERE d.id = $1`,
        [id],
      )
    )[0].consecutive_failures;

  it('keeps the second worker’s success when the first records its failure after its lease ran out', async () => {
    const id = await pendingDelivery();
    // A lease of 0 ms: the claim runs out at once, as a stalled worker's does.
    const [first] = await db.transaction((m) => repository.claimDue(m, 10, 0));
    expect(first.id).toBe(id);
    const [second] = await db.transaction((m) => repository.claimDue(m, 10, 60_000));
    expect(second.id).toBe(id);
    await db.transaction((m) => repository.recordAttempt(m, second, attempt(true), 3, new Date()));
    const late = await db.transaction((m) =>
      repository.recordAttempt(m, first, attempt(false), 1, new Date(Date.now() + 60_000)),
    );
    expect(late).toEqual({ gaveUp: false, markedFailing: false });
    expect(await row(id)).toEqual({ status: 'delivered', attempts: 1 });
    expect(await failures(id)).toBe(0);
    // Both attempts are in the delivery log.
    const logged = await db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM notification_attempt WHERE delivery_id = $1',
      [id],
    );
    expect(logged[0].n).toBe(2);
  });

  it('still records a failure and gives up after the last attempt when nobody else claimed it', async () => {
    const id = await pendingDelivery();
    const [claimed] = await db.transaction((m) => repository.claimDue(m, 10, 60_000));
    const outcome = await db.transaction((m) =>
      repository.recordAttempt(m, claimed, attempt(false), 1, new Date(Date.now() + 60_000)),
    );
    expect(outcome).toEqual({ gaveUp: true, markedFailing: true });
    expect(await row(id)).toEqual({ status: 'failed', attempts: 1 });
    expect(await failures(id)).toBe(1);
  });
});
