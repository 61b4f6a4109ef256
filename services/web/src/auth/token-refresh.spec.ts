import { describe, expect, it, jest } from '@jest/globals';
import type { Session } from './auth-provider';
import { refreshDelayMs, RETRY_MS, scheduleRefresh, type Timers } from './token-refresh';

/** Timers driven by hand: `advance(ms)` runs what falls due, in order. */
function fakeTimers(start = 1_000_000): Timers & { advance(ms: number): Promise<void> } {
  let now = start;
  let next = 0;
  const pending = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout: (callback, ms) => {
      pending.set(++next, { at: now + ms, callback });
      return next;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...pending.entries()]
          .filter(([, t]) => t.at <= until)
          .sort((x, y) => x[1].at - y[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].callback();
        for (let i = 0; i < 5; i++) await Promise.resolve();
      }
      now = until;
    },
  };
}

const session = (token: string, expiresAt: number | null): Session => ({
  token,
  user: { sub: 'dev-intake', roles: ['intake'], institutionIds: [], districtCode: null },
  expiresAt,
});

describe('refreshDelayMs', () => {
  it('renews 60 seconds before a long-lived token expires', () => {
    expect(refreshDelayMs(12 * 3600_000, 0)).toBe(12 * 3600_000 - 60_000);
  });

  it('renews a tenth of the lifetime before a short-lived one expires', () => {
    expect(refreshDelayMs(100_000, 0)).toBe(90_000);
  });

  it('renews at once when the token is about to expire or has, and never when it has no exp', () => {
    expect(refreshDelayMs(1000, 5000)).toBe(0);
    expect(refreshDelayMs(null, 0)).toBeNull();
  });
});

describe('scheduleRefresh', () => {
  it('renews before exp and hands over the new session', async () => {
    const timers = fakeTimers(0);
    const next = session('new', 24 * 3600_000);
    const renew = jest.fn((_current: Session) => Promise.resolve(next));
    const renewed = jest.fn();
    scheduleRefresh(session('old', 3600_000), renew, renewed, jest.fn(), timers);

    await timers.advance(3600_000 - 60_001);
    expect(renew).not.toHaveBeenCalled();
    await timers.advance(1);
    expect(renew).toHaveBeenCalledWith(expect.objectContaining({ token: 'old' }));
    expect(renewed).toHaveBeenCalledWith(next);
  });

  it('retries a failed renewal while the token lasts, then reports the failure', async () => {
    const timers = fakeTimers(0);
    const renew = jest.fn((_current: Session) => Promise.reject(new Error('gateway down')));
    const failed = jest.fn();
    scheduleRefresh(session('old', 200_000), renew, jest.fn(), failed, timers);

    await timers.advance(180_000);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(failed).not.toHaveBeenCalled();
    await timers.advance(RETRY_MS);
    expect(renew).toHaveBeenCalledTimes(2);
    expect(failed).toHaveBeenCalledTimes(1);
  });

  it('does nothing once cancelled', async () => {
    const timers = fakeTimers(0);
    const renew = jest.fn((_current: Session) => Promise.resolve(session('new', null)));
    const cancel = scheduleRefresh(session('old', 100_000), renew, jest.fn(), jest.fn(), timers);
    cancel();
    await timers.advance(200_000);
    expect(renew).not.toHaveBeenCalled();
  });
});
