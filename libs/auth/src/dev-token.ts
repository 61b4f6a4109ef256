/** Signs tokens with the local development key, for `npm run token` and tests. Never in production. */
import { SignJWT } from 'jose';
import { parseAuthUser } from './claims';
import type { AuthUser } from './claims';
import { authConfigFromEnv, isProduction } from './config';
import type { AuthConfig } from './config';

export const DEFAULT_DEV_TOKEN_TTL_SECONDS = 12 * 60 * 60;

export interface DevTokenOptions {
  /** Defaults to `authConfigFromEnv()`. */
  config?: AuthConfig;
  /** Lifetime in seconds; defaults to 12 hours or the configured maximum lifetime, whichever is shorter. */
  ttlSeconds?: number;
}

export type DevTokenUser = Omit<AuthUser, 'sub'> & { sub?: string };

/** An HS256 token for `user`; refuses when NODE_ENV=production or the claims would not verify. */
export async function signDevToken(user: DevTokenUser, opts: DevTokenOptions = {}): Promise<string> {
  if (isProduction()) throw new Error('refusing to sign a development token when NODE_ENV=production');
  const config = opts.config ?? authConfigFromEnv();
  if (config.devSecret === null) throw new Error('no development key configured (AUTH_DEV_SECRET)');
  const ttlSeconds =
    opts.ttlSeconds ?? Math.min(DEFAULT_DEV_TOKEN_TTL_SECONDS, config.maxTokenLifetimeSeconds);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new Error(`ttlSeconds must be a positive whole number, got ${ttlSeconds}`);
  }
  if (ttlSeconds > config.maxTokenLifetimeSeconds) {
    // The verifier would refuse it: fail here, where the cause is plain.
    throw new Error(
      `ttlSeconds ${ttlSeconds} is more than the maximum token lifetime of ${config.maxTokenLifetimeSeconds} s (AUTH_MAX_TOKEN_LIFETIME_S)`,
    );
  }

  const { sub, ...claims } = parseAuthUser({ ...user, sub: user.sub ?? `dev-${user.roles[0] ?? 'user'}` });
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(new TextEncoder().encode(config.devSecret));
}
