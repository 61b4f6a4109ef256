/** Auth settings from the environment, checked at boot. */
export interface AuthConfig {
  /** Expected `iss` claim. */
  issuer: string;
  /** Expected `aud` claim. */
  audience: string;
  /** OIDC JWKS endpoint; when set, tokens are verified with RS256/ES256 keys from it. */
  jwksUrl: string | null;
  /** HS256 key for local development; always null when NODE_ENV=production. */
  devSecret: string | null;
  /** The longest a token may live (`exp - iat`, or `exp - now` without `iat`), in seconds. */
  maxTokenLifetimeSeconds: number;
}

export const DEFAULT_ISSUER = 'plassoversikt-local';
export const DEFAULT_AUDIENCE = 'plassoversikt';
/** A working day and then some: 12 hours (AUTH_MAX_TOKEN_LIFETIME_S). */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;

/**
 * The local development signing key. It is public by design (it is in the source code), which is
 * why it is never used when NODE_ENV=production.
 */
export const DEV_SECRET = 'plassoversikt-local-development-key-not-a-secret-do-not-use-in-production';

type Env = Record<string, string | undefined>;

function setting(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

export function isProduction(env: Env = process.env): boolean {
  return env.NODE_ENV === 'production';
}

function maxTokenLifetime(env: Env): number {
  const value = setting(env, 'AUTH_MAX_TOKEN_LIFETIME_S');
  if (value === null) return DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  if (!/^[1-9]\d*$/.test(value)) {
    throw new Error(
      `AUTH_MAX_TOKEN_LIFETIME_S must be a positive whole number of seconds, got ${JSON.stringify(value)}`,
    );
  }
  return Number(value);
}

/**
 * Reads AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL, AUTH_DEV_SECRET and AUTH_MAX_TOKEN_LIFETIME_S;
 * throws naming a bad variable.
 */
export function authConfigFromEnv(env: Env = process.env): AuthConfig {
  const jwksUrl = setting(env, 'AUTH_JWKS_URL');
  if (jwksUrl !== null && !URL.canParse(jwksUrl)) {
    throw new Error(`AUTH_JWKS_URL must be a URL, got ${JSON.stringify(jwksUrl)}`);
  }
  if (isProduction(env) && jwksUrl !== null && new URL(jwksUrl).protocol !== 'https:') {
    throw new Error('AUTH_JWKS_URL must be an https URL when NODE_ENV=production');
  }
  if (isProduction(env) && jwksUrl === null) {
    throw new Error(
      'AUTH_JWKS_URL is required when NODE_ENV=production (the development key is not accepted)',
    );
  }
  return {
    issuer: setting(env, 'AUTH_ISSUER') ?? DEFAULT_ISSUER,
    audience: setting(env, 'AUTH_AUDIENCE') ?? DEFAULT_AUDIENCE,
    jwksUrl,
    devSecret: isProduction(env) ? null : (setting(env, 'AUTH_DEV_SECRET') ?? DEV_SECRET),
    maxTokenLifetimeSeconds: maxTokenLifetime(env),
  };
}
