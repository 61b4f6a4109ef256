/** Readiness checks a service registers (database, Kafka, Redis …), run by `GET /health/ready`. */
import { Injectable } from '@nestjs/common';

export type ReadinessCheck = () => Promise<void>;

export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  /** `'ok'` or `'error: <message>'` per check. */
  checks: Record<string, string>;
}

export const READINESS_TIMEOUT_MS = 2_000;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function withTimeout(check: ReadinessCheck, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    // Promise.resolve().then() turns a check that throws synchronously into a rejection.
    await Promise.race([Promise.resolve().then(check), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  /** Adds a check; a name used twice is a mistake that would hide one of them, so it throws. */
  register(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new Error(`a readiness check named "${name}" is already registered`);
    this.checks.set(name, check);
  }

  /** Runs every check in parallel, each with its own timeout. */
  async run(timeoutMs = READINESS_TIMEOUT_MS): Promise<ReadinessReport> {
    const entries = [...this.checks];
    const outcomes = await Promise.allSettled(entries.map(([, check]) => withTimeout(check, timeoutMs)));
    const checks: Record<string, string> = {};
    outcomes.forEach((outcome, i) => {
      checks[entries[i][0]] = outcome.status === 'fulfilled' ? 'ok' : `error: ${messageOf(outcome.reason)}`;
    });
    const healthy = outcomes.every((outcome) => outcome.status === 'fulfilled');
    return { status: healthy ? 'ok' : 'unavailable', checks };
  }
}
