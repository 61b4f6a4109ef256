/** The audit trail's settings, validated at boot: a bad value stops the service naming the variable. */
import { loadEnv } from '@plass/observability';
import { z } from 'zod';

export interface AuditConfig {
  /** Entries older than this many days are purged (AUDIT_RETENTION_DAYS, default 400). */
  retentionDays: number;
  /** How often the purge runs (AUDIT_PURGE_INTERVAL_MS, default one hour). */
  purgeIntervalMs: number;
}

const schema = z.object({
  // Normen asks for a kept log; a little over a year by default, so a full year can always be looked back on.
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(400),
  AUDIT_PURGE_INTERVAL_MS: z.coerce.number().int().min(1000).default(3_600_000),
});

export function auditConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  const c = loadEnv('audit', schema, env);
  return { retentionDays: c.AUDIT_RETENTION_DAYS, purgeIntervalMs: c.AUDIT_PURGE_INTERVAL_MS };
}
