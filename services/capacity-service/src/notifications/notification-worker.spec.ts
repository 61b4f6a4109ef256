import pino from 'pino';
import type { DataSource } from 'typeorm';
import type { AttemptResult, ClaimedDelivery, NotificationRepository } from './notification.repository';
import { NotificationWorker } from './notification-worker.service';
import type { NotificationsConfig } from './notifications.config';

const config: NotificationsConfig = {
  pollMs: 10,
  timeoutMs: 5000,
  retryBaseMs: 1000,
  retryMaxMs: 60_000,
  maxAttempts: 3,
  batch: 2,
  smtp: null,
  production: false,
};

function delivery(id: string, attempts = 0): ClaimedDelivery {
  return {
    id,
    subscriptionId: `sub-${id}`,
    kind: 'webhook',
    url: 'http://127.0.0.1:1/hook',
    secret: 'x'.repeat(16),
    address: null,
    subscriptionStatus: 'ok',
    transition: 'raised',
    payload: {} as ClaimedDelivery['payload'],
    attempts,
  };
}

/** A worker over fakes: `due` is what the next claims return, `send` answers per delivery id. */
function workerWith(due: ClaimedDelivery[], send: (d: ClaimedDelivery) => Promise<AttemptResult>) {
  const recorded: { id: string; ok: boolean; retryAt: Date }[] = [];
  const claims: number[] = [];
  const repository = {
    claimDue: (_m: unknown, limit: number) => {
      claims.push(limit);
      return Promise.resolve(due.splice(0, limit));
    },
    recordAttempt: (_m: unknown, d: ClaimedDelivery, r: AttemptResult, _max: number, retryAt: Date) => {
      recorded.push({ id: d.id, ok: r.ok, retryAt });
      return Promise.resolve({ gaveUp: false, markedFailing: false });
    },
  } as unknown as NotificationRepository;
  const dataSource = { transaction: (work: (m: unknown) => unknown) => work({}) } as unknown as DataSource;
  const worker = new NotificationWorker(dataSource, repository, { send }, config, pino({ level: 'silent' }));
  return { worker, recorded, claims };
}

const ok = (): AttemptResult => ({ at: new Date(), ok: true, statusCode: 200, error: null, durationMs: 1 });
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('NotificationWorker', () => {
  it('sends the next due delivery while a slow receiver is still being waited for', async () => {
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const { worker, recorded, claims } = workerWith([delivery('slow'), delivery('a'), delivery('b')], (d) =>
      d.id === 'slow' ? slow.then(ok) : Promise.resolve(ok()),
    );
    expect(await worker.tick()).toBe(2); // slow and a: the batch of 2
    await settle();
    expect(recorded.map((r) => r.id)).toEqual(['a']);
    expect(await worker.tick()).toBe(1); // room for one more beside the slow one
    await settle();
    expect(recorded.map((r) => r.id)).toEqual(['a', 'b']);
    expect(claims).toEqual([2, 1]);
    release();
    await worker.onModuleDestroy();
    expect(recorded.map((r) => r.id)).toEqual(['a', 'b', 'slow']);
  });

  it('claims nothing while the batch is in flight', async () => {
    const never = new Promise<AttemptResult>(() => undefined);
    const { worker, claims } = workerWith([delivery('a'), delivery('b'), delivery('c')], () => never);
    expect(await worker.tick()).toBe(2);
    expect(await worker.tick()).toBe(0);
    expect(claims).toEqual([2]);
  });

  it('retries a failure after the backoff for the attempts made', async () => {
    const failed: AttemptResult = { at: new Date(), ok: false, statusCode: 500, error: null, durationMs: 1 };
    const { worker, recorded } = workerWith([delivery('a', 2)], () => Promise.resolve(failed));
    const before = Date.now();
    await worker.tick();
    await worker.onModuleDestroy();
    // The third attempt failed: the next is due 1000 · 2² = 4000 ms later.
    const wait = recorded[0].retryAt.getTime() - before;
    expect(wait).toBeGreaterThanOrEqual(4000);
    expect(wait).toBeLessThan(4500);
  });
});
