/** The service's configuration, validated at boot: a bad or missing variable stops it with its name. */
import { DEFAULT_DATABASE_URL } from '@plass/persistence';
import { loadEnv } from '@plass/observability';
import { z } from 'zod';

const schema = z.object({
  HOUSING_PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  DATABASE_URL: z.url().default(DEFAULT_DATABASE_URL),
  HOUSING_DB: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('plass_housing'),
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(1000),
  /** Longest wait between two looks for lapsed reservations; the sweep also wakes at the next expiry. */
  HOUSING_RESERVATION_SWEEP_MS: z.coerce.number().int().positive().default(15_000),
});

export type HousingConfig = {
  port: number;
  databaseUrl: string;
  database: string;
  outboxPollMs: number;
  reservationSweepMs: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HousingConfig {
  const c = loadEnv('housing-service', schema, env);
  return {
    port: c.HOUSING_PORT,
    databaseUrl: c.DATABASE_URL,
    database: c.HOUSING_DB,
    outboxPollMs: c.OUTBOX_POLL_MS,
    reservationSweepMs: c.HOUSING_RESERVATION_SWEEP_MS,
  };
}

export const HOUSING_CONFIG = Symbol('HOUSING_CONFIG');
