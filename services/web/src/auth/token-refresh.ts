/**
 * Renews the session shortly before its token expires: 60 seconds before `exp`, or a tenth of the
 * remaining lifetime when that is shorter. The new session replaces the old one everywhere: REST calls
 * carry the new token and the live socket sends `reauthenticate` with it (ARCHITECTURE.md §5).
 */
import type { Session } from './auth-provider';

export const REFRESH_LEAD_MS = 60_000;

/** Milliseconds from `now` until the session should be renewed; null when it never expires. */
export function refreshDelayMs(expiresAt: number | null, now: number): number | null {
  if (expiresAt === null) return null;
  const remaining = expiresAt - now;
  const lead = Math.min(REFRESH_LEAD_MS, Math.max(remaining, 0) / 10);
  return Math.max(0, remaining - lead);
}

export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Retried this long after a failed renewal, while the old token still has time left. */
export const RETRY_MS = 10_000;

/**
 * Schedules the renewal of `session`; `renewed` gets the new session (schedule again with it),
 * `failed` is told once the token has run out without one. Returns a function that cancels.
 */
export function scheduleRefresh(
  session: Session,
  renew: (current: Session) => Promise<Session>,
  renewed: (next: Session) => void,
  failed: (error: unknown) => void,
  timers: Timers = realTimers,
): () => void {
  let cancelled = false;
  let handle: unknown = null;
  const attempt = () => {
    handle = null;
    renew(session).then(
      (next) => {
        if (!cancelled) renewed(next);
      },
      (error: unknown) => {
        if (cancelled) return;
        const left = session.expiresAt === null ? Infinity : session.expiresAt - timers.now();
        if (left > RETRY_MS) handle = timers.setTimeout(attempt, RETRY_MS);
        else failed(error);
      },
    );
  };
  const delay = refreshDelayMs(session.expiresAt, timers.now());
  if (delay !== null) handle = timers.setTimeout(attempt, delay);
  return () => {
    cancelled = true;
    if (handle !== null) timers.clearTimeout(handle);
  };
}
