/** Delivery settings from the environment (ADR 0175); tests shorten the delays. */
import { loadEnv } from '@plass/observability';
import { z } from 'zod';

const schema = z.object({
  NOTIFY_POLL_MS: z.coerce.number().int().positive().default(500),
  NOTIFY_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  NOTIFY_RETRY_BASE_MS: z.coerce.number().int().positive().default(1000),
  NOTIFY_RETRY_MAX_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 60_000),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
  NOTIFY_BATCH: z.coerce.number().int().min(1).max(500).default(20),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(25),
  SMTP_FROM: z.string().default('Plassoversikt <plassoversikt@oslo.kommune.no>'),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  NODE_ENV: z.string().optional(),
});

export interface NotificationsConfig {
  pollMs: number;
  timeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  batch: number;
  smtp: { host: string; port: number; from: string; user?: string; pass?: string; secure: boolean } | null;
  production: boolean;
}

export function loadNotificationsConfig(env: NodeJS.ProcessEnv = process.env): NotificationsConfig {
  const c = loadEnv('capacity-service', schema, env);
  return {
    pollMs: c.NOTIFY_POLL_MS,
    timeoutMs: c.NOTIFY_TIMEOUT_MS,
    retryBaseMs: c.NOTIFY_RETRY_BASE_MS,
    retryMaxMs: c.NOTIFY_RETRY_MAX_MS,
    maxAttempts: c.NOTIFY_MAX_ATTEMPTS,
    batch: c.NOTIFY_BATCH,
    smtp: c.SMTP_HOST
      ? {
          host: c.SMTP_HOST,
          port: c.SMTP_PORT,
          from: c.SMTP_FROM,
          user: c.SMTP_USER,
          pass: c.SMTP_PASS,
          secure: c.SMTP_SECURE === 'true',
        }
      : null,
    production: c.NODE_ENV === 'production',
  };
}

export const NOTIFICATIONS_CONFIG = Symbol('NOTIFICATIONS_CONFIG');
