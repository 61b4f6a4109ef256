/** The service's configuration, validated at boot: a bad or missing variable stops it with its name. */
import { DEFAULT_DATABASE_URL } from '@plass/persistence';
import { loadEnv } from '@plass/observability';
import { z } from 'zod';

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
});

export interface CapacityConfig {
  port: number;
  databaseUrl: string;
  database: string;
  redisUrl: string;
  redisKeyPrefix: string;
  outboxPollMs: number;
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
  };
}

export const CAPACITY_CONFIG = Symbol('CAPACITY_CONFIG');
