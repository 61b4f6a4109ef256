/**
 * The one way a service reads its environment (CONVENTIONS "Config is validated at boot"): a zod schema
 * of the variables, parsed once at boot; a missing or bad variable stops the service with a message
 * naming it. Call it from a provider's factory or `main.ts`, never at a module's top level, so that
 * importing a module reads no environment.
 */
import type { z } from 'zod';

export class InvalidConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`${service}: invalid configuration: ${problems.join('; ')}`);
    this.name = 'InvalidConfigError';
  }
}

export function loadEnv<S extends z.ZodType>(
  service: string,
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new InvalidConfigError(
      service,
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  }
  return parsed.data;
}
