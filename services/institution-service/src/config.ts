/** The service's configuration, validated at boot: a bad or missing variable stops it with its name. */
import { DEFAULT_DATABASE_URL } from '@plass/persistence';
import { loadEnv } from '@plass/observability';
import { z } from 'zod';

const schema = z.object({
  INSTITUTION_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  DATABASE_URL: z.url().default(DEFAULT_DATABASE_URL),
  INSTITUTION_DB: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('plass_institution'),
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(1000),
  /** How often blocks past `until` and reservations past `expiresAt` are released. */
  EXPIRY_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(5000),
  /**
   * How long an offer's reservation outlives the offer's `expiresAt` (ADR 0161): intake expires offers and
   * the release follows its event; this is the safety net when that event does not come.
   */
  OFFER_RESERVATION_GRACE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3_600_000)
    .default(3_600_000),
  /** How many days back institution staff may date a change (ADR 0213); admin has no limit. */
  BACKDATE_WINDOW_DAYS: z.coerce.number().int().min(0).max(366).default(7),
});

export type InstitutionConfig = {
  port: number;
  databaseUrl: string;
  database: string;
  outboxPollMs: number;
  expiryIntervalMs: number;
  offerReservationGraceMs: number;
  backdateWindowDays: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): InstitutionConfig {
  const c = loadEnv('institution-service', schema, env);
  return {
    port: c.INSTITUTION_PORT,
    databaseUrl: c.DATABASE_URL,
    database: c.INSTITUTION_DB,
    outboxPollMs: c.OUTBOX_POLL_MS,
    expiryIntervalMs: c.EXPIRY_INTERVAL_MS,
    offerReservationGraceMs: c.OFFER_RESERVATION_GRACE_MS,
    backdateWindowDays: c.BACKDATE_WINDOW_DAYS,
  };
}

export const INSTITUTION_CONFIG = Symbol('INSTITUTION_CONFIG');
