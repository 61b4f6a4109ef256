/**
 * Open-loop pacing: request i is due at start + i / rate, whatever happened to the earlier ones, so a slow
 * system is measured as slow instead of being given time to catch up (no coordinated omission).
 */
import { now, sleep } from './clock';

export interface PacerResult {
  fired: number;
  /** How late each request was fired against its due time, ms (the pacer's own lateness). */
  lateness: number[];
  elapsedMs: number;
}

export async function paced(
  ratePerSecond: number,
  durationMs: number,
  fire: (index: number, dueAt: number) => void,
): Promise<PacerResult> {
  const total = Math.round((ratePerSecond * durationMs) / 1000);
  const interval = 1000 / ratePerSecond;
  const start = now();
  const lateness: number[] = [];
  let index = 0;
  while (index < total) {
    const t = now();
    while (index < total && start + index * interval <= t) {
      const due = start + index * interval;
      lateness.push(t - due);
      fire(index, due);
      index += 1;
    }
    if (index >= total) break;
    const wait = start + index * interval - now();
    // Timers fire late by a millisecond or more: sleep a little short and fire everything due.
    await sleep(Math.max(0, Math.min(wait - 0.5, 20)));
  }
  return { fired: index, lateness, elapsedMs: now() - start };
}
