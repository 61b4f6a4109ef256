/**
 * Wall-clock milliseconds with sub-millisecond resolution, comparable across the bench's processes on
 * one machine (each process's performance.timeOrigin is read from the same system clock).
 */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
