/** The service's configuration, validated at boot: a bad or missing variable stops it with its name. */
import { DEFAULT_DATABASE_URL } from '@plass/persistence';
import { loadEnv } from '@plass/observability';
import { z } from 'zod';

const schema = z.object({
  INTAKE_PORT: z.coerce.number().int().min(0).max(65535).default(3004),
  DATABASE_URL: z.url().default(DEFAULT_DATABASE_URL),
  INTAKE_DB: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('plass_intake'),
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(1000),
  /** How often offers past `expiresAt` are expired (ADR 0161). */
  OFFER_EXPIRY_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(5000),
});

export type IntakeConfig = {
  port: number;
  databaseUrl: string;
  database: string;
  outboxPollMs: number;
  offerExpiryIntervalMs: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): IntakeConfig {
  const c = loadEnv('intake-service', schema, env);
  return {
    port: c.INTAKE_PORT,
    databaseUrl: c.DATABASE_URL,
    database: c.INTAKE_DB,
    outboxPollMs: c.OUTBOX_POLL_MS,
    offerExpiryIntervalMs: c.OFFER_EXPIRY_INTERVAL_MS,
  };
}

export const INTAKE_CONFIG = Symbol('INTAKE_CONFIG');
