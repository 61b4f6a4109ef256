/**
 * How the dashboard signs in, from the environment, validated at boot: OIDC_AUTHORITY turns on
 * OpenID Connect; without it the development sign-in is offered, which production never does. The
 * claim names are the services' own (libs/auth) for that issuer, so one setting serves both.
 */
import { authConfigFromEnv, DEFAULT_CLAIM_MAPPING, type ClaimMapping } from '@plass/auth';
import type { AuthClaimNamesDto, AuthConfigDto } from '@plass/contracts';
import { loadEnv } from '@plass/observability';
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.string().optional(),
  AUTH_ALLOW_HTTP_JWKS: z.string().optional(),
  OIDC_AUTHORITY: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(
      z
        .url({ error: 'must be the issuer URL, e.g. https://login.example.no/realms/plassoversikt' })
        .optional(),
    ),
  OIDC_CLIENT_ID: z.string().trim().min(1).default('plassoversikt-web'),
  OIDC_SCOPE: z
    .string()
    .trim()
    .default('openid')
    .refine((scope) => scope.split(/\s+/).includes('openid'), { message: 'must include openid' }),
});

export function loadWebAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfigDto {
  const c = loadEnv('gateway (sign-in)', schema, env);
  const production = c.NODE_ENV === 'production';
  if (c.OIDC_AUTHORITY === undefined) {
    if (production) {
      throw new Error(
        'gateway (sign-in): invalid configuration: OIDC_AUTHORITY is required when NODE_ENV=production ' +
          '(the development sign-in does not exist there)',
      );
    }
    return { mode: 'dev', claims: claimNames(authConfigFromEnv(env).mapping ?? DEFAULT_CLAIM_MAPPING) };
  }
  // The services' exception for a provider on a private network (libs/auth) holds here as well.
  const httpAllowed = c.AUTH_ALLOW_HTTP_JWKS === 'true';
  if (production && !httpAllowed && new URL(c.OIDC_AUTHORITY).protocol !== 'https:') {
    throw new Error(
      'gateway (sign-in): invalid configuration: OIDC_AUTHORITY must be an https URL when NODE_ENV=production ' +
        '(AUTH_ALLOW_HTTP_JWKS=true allows http, for a provider on a private network only)',
    );
  }
  // The issuer exactly as tokens carry it: no trailing slash.
  const authority = c.OIDC_AUTHORITY.replace(/\/+$/, '');
  const auth = authConfigFromEnv(env);
  const issuer = (auth.issuers ?? []).find((entry) => entry.issuer.replace(/\/+$/, '') === authority);
  return {
    mode: 'oidc',
    authority,
    clientId: c.OIDC_CLIENT_ID,
    scope: c.OIDC_SCOPE.split(/\s+/).join(' '),
    claims: claimNames(issuer?.mapping ?? auth.mapping ?? DEFAULT_CLAIM_MAPPING),
  };
}

function claimNames({ roles, institutionIds, districtCode, roleMap }: ClaimMapping): AuthClaimNamesDto {
  return { roles, institutionIds, districtCode, ...(roleMap ? { roleMap: { ...roleMap } } : {}) };
}

/** The origin the browser calls for OpenID Connect (discovery, token, logout), or none in dev mode. */
export function signInOrigins(config: AuthConfigDto): string[] {
  return config.mode === 'oidc' ? [new URL(config.authority).origin] : [];
}

export const WEB_AUTH_CONFIG = Symbol('WEB_AUTH_CONFIG');
