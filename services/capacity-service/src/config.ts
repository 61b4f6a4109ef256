/** The service's configuration, validated at boot: a bad or missing variable stops it with its name. */
import { DEFAULT_DATABASE_URL } from '@plass/persistence';
import { loadEnv } from '@plass/observability';
import { z } from 'zod';
import { DEFAULT_SUPPRESSION_THRESHOLD } from './suppression/suppression-policy';

const schema = z.object({
  CAPACITY_PORT: z.coerce.number().int().min(0).max(65535).default(3003),
  DATABASE_URL: z.url().default(DEFAULT_DATABASE_URL),
  CAPACITY_DB: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('plass_capacity'),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  REDIS_KEY_PREFIX: z.string().default('plass:'),
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(1000),
  /** Counts from 1 to this − 1 are hidden from district and institution staff; 0 or 1 turns it off (ADR 0223). */
  SUPPRESSION_THRESHOLD: z.coerce.number().int().min(0).max(1000).default(DEFAULT_SUPPRESSION_THRESHOLD),
});

export interface CapacityConfig {
  port: number;
  databaseUrl: string;
  database: string;
  redisUrl: string;
  redisKeyPrefix: string;
  outboxPollMs: number;
  suppressionThreshold: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CapacityConfig {
  const c = loadEnv('capacity-service', schema, env);
  return {
    port: c.CAPACITY_PORT,
    databaseUrl: c.DATABASE_URL,
    database: c.CAPACITY_DB,
    redisUrl: c.REDIS_URL,
    redisKeyPrefix: c.REDIS_KEY_PREFIX,
    outboxPollMs: c.OUTBOX_POLL_MS,
    suppressionThreshold: c.SUPPRESSION_THRESHOLD,
  };
}

export const CAPACITY_CONFIG = Symbol('CAPACITY_CONFIG');
