/** The gateway's configuration, validated at boot: a bad or missing variable stops it with its name. */
import { z } from 'zod';

const schema = z.object({
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  GATEWAY_INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/)
    .optional(),
  INSTITUTION_URL: z.url().default('http://127.0.0.1:3001'),
  HOUSING_URL: z.url().default('http://127.0.0.1:3002'),
  CAPACITY_URL: z.url().default('http://127.0.0.1:3003'),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  REDIS_KEY_PREFIX: z.string().default('plass:'),
});

export interface GatewayConfig {
  port: number;
  instanceId: string;
  institutionUrl: string;
  housingUrl: string;
  capacityUrl: string;
  redisUrl: string;
  redisKeyPrefix: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`gateway: invalid configuration: ${problems}`);
  }
  const c = parsed.data;
  return {
    port: c.GATEWAY_PORT,
    instanceId: c.GATEWAY_INSTANCE_ID ?? `gw-${c.GATEWAY_PORT}`,
    institutionUrl: c.INSTITUTION_URL,
    housingUrl: c.HOUSING_URL,
    capacityUrl: c.CAPACITY_URL,
    redisUrl: c.REDIS_URL,
    redisKeyPrefix: c.REDIS_KEY_PREFIX,
  };
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
