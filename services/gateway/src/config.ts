/** The gateway's configuration, validated at boot: a bad or missing variable stops it with its name. */
import { loadEnv } from '@plass/observability';
import { z } from 'zod';

/** `scheme://host[:port]` exactly as a browser sends it in `Origin` (no path, no trailing slash). */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

const origins = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
  )
  .refine((list) => list.every(isOrigin), {
    message: 'must be a comma-separated list of origins like https://plass.example.no (no path)',
  });

const schema = z.object({
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  GATEWAY_INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/)
    .optional(),
  /** Prometheus `/metrics` listens here, on GATEWAY_METRICS_HOST only; never on the public port. */
  GATEWAY_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  GATEWAY_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** Browser origins allowed on the socket besides the gateway's own (same host as the request). */
  GATEWAY_ALLOWED_ORIGINS: origins,
  INSTITUTION_URL: z.url().default('http://127.0.0.1:3001'),
  HOUSING_URL: z.url().default('http://127.0.0.1:3002'),
  CAPACITY_URL: z.url().default('http://127.0.0.1:3003'),
  INTAKE_URL: z.url().default('http://127.0.0.1:3004'),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  REDIS_KEY_PREFIX: z.string().default('plass:'),
});

export interface GatewayConfig {
  port: number;
  instanceId: string;
  /** Where `GET /metrics` answers (an internal port, loopback by default). */
  metricsPort: number;
  metricsHost: string;
  /** Origins other than the gateway's own that may open a socket with credentials. */
  allowedOrigins: string[];
  institutionUrl: string;
  housingUrl: string;
  capacityUrl: string;
  intakeUrl: string;
  redisUrl: string;
  redisKeyPrefix: string;
}

/** The metrics port when none is set: 1000 above the public port (8080 → 9080). */
export function defaultMetricsPort(port: number): number {
  return port === 0 ? 0 : port + 1000 <= 65535 ? port + 1000 : 9464;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const c = loadEnv('gateway', schema, env);
  const metricsPort = c.GATEWAY_METRICS_PORT ?? defaultMetricsPort(c.GATEWAY_PORT);
  if (metricsPort !== 0 && metricsPort === c.GATEWAY_PORT) {
    throw new Error('gateway: invalid configuration: GATEWAY_METRICS_PORT must differ from GATEWAY_PORT');
  }
  return {
    port: c.GATEWAY_PORT,
    instanceId: c.GATEWAY_INSTANCE_ID ?? `gw-${c.GATEWAY_PORT}`,
    metricsPort,
    metricsHost: c.GATEWAY_METRICS_HOST,
    allowedOrigins: c.GATEWAY_ALLOWED_ORIGINS,
    institutionUrl: c.INSTITUTION_URL,
    housingUrl: c.HOUSING_URL,
    capacityUrl: c.CAPACITY_URL,
    intakeUrl: c.INTAKE_URL,
    redisUrl: c.REDIS_URL,
    redisKeyPrefix: c.REDIS_KEY_PREFIX,
  };
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
