/** The gateway's hardening settings, validated at boot: a bad value stops it with the variable's name. */
import { loadEnv } from '@plass/observability';
import { z } from 'zod';

const positiveWhole = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * Defaults leave room for `npm run seed`, which makes about 1,100 writes as one subject in half a minute,
 * and for the fault tests; a production deployment sets its own (ADR 0080).
 */
const schema = z.object({
  RATE_LIMIT_WRITES_PER_MINUTE: positiveWhole(3000),
  RATE_LIMIT_WRITES_PER_MINUTE_PER_IP: positiveWhole(6000),
  GATEWAY_MAX_BODY_BYTES: positiveWhole(64 * 1024),
  GATEWAY_MAX_IMPORT_BODY_BYTES: positiveWhole(64 * 1024 * 1024),
  GATEWAY_TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
});

export interface SecurityConfig {
  /** Writes (POST, PUT, PATCH, DELETE on /api/*) one token subject may make per minute. */
  writesPerMinutePerSubject: number;
  /** Writes one client address may make per minute, whoever signs them (a NAT may hide many people). */
  writesPerMinutePerIp: number;
  /** The largest request body the gateway passes on, by its Content-Length. */
  maxBodyBytes: number;
  /** The largest body of a history import (POST /api/institutions/import, multipart CSV files). */
  maxImportBodyBytes: number;
  /** Reverse proxies in front of the gateway whose X-Forwarded-For is believed (0: none). */
  trustProxyHops: number;
}

export function loadSecurityConfig(env: NodeJS.ProcessEnv = process.env): SecurityConfig {
  const c = loadEnv('gateway (security)', schema, env);
  return {
    writesPerMinutePerSubject: c.RATE_LIMIT_WRITES_PER_MINUTE,
    writesPerMinutePerIp: c.RATE_LIMIT_WRITES_PER_MINUTE_PER_IP,
    maxBodyBytes: c.GATEWAY_MAX_BODY_BYTES,
    maxImportBodyBytes: c.GATEWAY_MAX_IMPORT_BODY_BYTES,
    trustProxyHops: c.GATEWAY_TRUST_PROXY_HOPS,
  };
}
