/**
 * The alert settings, validated at boot like the service's own config: a bad variable stops the
 * service with its name. Thresholds and stale-report limits have a default and per-category overrides.
 */
import {
  DEFAULT_HIGH_OCCUPANCY_THRESHOLD,
  DEFAULT_OFFER_EXPIRING_WITHIN_MS,
  DEFAULT_REFERRAL_WAITING_LIMIT_MS,
  DEFAULT_STALE_REPORT_LIMIT_MS,
  SERVICE_CATEGORY_CODES,
  type ServiceCategoryCode,
} from '@plass/domain';
import { loadEnv } from '@plass/observability';
import { z } from 'zod';

const categoryMap = <T extends z.ZodType>(value: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
        return z.NEVER;
      }
    })
    .pipe(z.partialRecord(z.enum(SERVICE_CATEGORY_CODES), value));

const rate = z.coerce.number().gt(0).lte(1);
const positiveMs = z.coerce.number().int().positive();

const schema = z.object({
  /** How often the scheduler looks for stale reports and stays over the norm. */
  ALERT_SCHEDULE_MS: positiveMs.default(60_000),
  ALERT_STALE_LIMIT_MS: positiveMs.default(DEFAULT_STALE_REPORT_LIMIT_MS),
  /** e.g. `{"acute": 3600000}`: per-category limits in milliseconds. */
  ALERT_STALE_LIMITS_MS: categoryMap(z.number().int().positive()).default({}),
  ALERT_HIGH_OCCUPANCY_THRESHOLD: rate.default(DEFAULT_HIGH_OCCUPANCY_THRESHOLD),
  /** e.g. `{"resource-centre": 0.9}`: per-category thresholds in (0, 1]. */
  ALERT_HIGH_OCCUPANCY_THRESHOLDS: categoryMap(z.number().gt(0).lte(1)).default({}),
  /** REFERRAL_WAITING: how long an acute / an urgent referral may wait (ADR 0169). */
  ALERT_REFERRAL_WAITING_ACUTE_MS: positiveMs.default(DEFAULT_REFERRAL_WAITING_LIMIT_MS.acute),
  ALERT_REFERRAL_WAITING_URGENT_MS: positiveMs.default(DEFAULT_REFERRAL_WAITING_LIMIT_MS.urgent),
  /** OFFER_EXPIRING: an open offer expiring within this many milliseconds. */
  ALERT_OFFER_EXPIRING_MS: positiveMs.default(DEFAULT_OFFER_EXPIRING_WITHIN_MS),
});

export interface AlertsConfig {
  scheduleMs: number;
  staleLimitMs: (category: ServiceCategoryCode) => number;
  highOccupancyThreshold: (category: ServiceCategoryCode) => number;
  defaultHighOccupancyThreshold: number;
  /** How long a referral of each alerting urgency may wait; planned referrals never raise REFERRAL_WAITING. */
  referralWaitingLimitMs: { acute: number; urgent: number };
  offerExpiringWithinMs: number;
}

export function loadAlertsConfig(env: NodeJS.ProcessEnv = process.env): AlertsConfig {
  const c = loadEnv('capacity-service (alerts)', schema, env);
  return {
    scheduleMs: c.ALERT_SCHEDULE_MS,
    staleLimitMs: (category) => c.ALERT_STALE_LIMITS_MS[category] ?? c.ALERT_STALE_LIMIT_MS,
    highOccupancyThreshold: (category) =>
      c.ALERT_HIGH_OCCUPANCY_THRESHOLDS[category] ?? c.ALERT_HIGH_OCCUPANCY_THRESHOLD,
    defaultHighOccupancyThreshold: c.ALERT_HIGH_OCCUPANCY_THRESHOLD,
    referralWaitingLimitMs: {
      acute: c.ALERT_REFERRAL_WAITING_ACUTE_MS,
      urgent: c.ALERT_REFERRAL_WAITING_URGENT_MS,
    },
    offerExpiringWithinMs: c.ALERT_OFFER_EXPIRING_MS,
  };
}

export const ALERTS_CONFIG = Symbol('ALERTS_CONFIG');
