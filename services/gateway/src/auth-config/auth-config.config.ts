/**
 * How the dashboard signs in, from the environment, validated at boot: OIDC_AUTHORITY turns on
 * OpenID Connect; without it the development sign-in is offered, which production never does.
 */
import type { AuthConfigDto } from '@plass/contracts';
import { loadEnv } from '@plass/observability';
import { z } from 'zod';

const claimName = (fallback: string) => z.string().trim().min(1).default(fallback);

const schema = z.object({
  NODE_ENV: z.string().optional(),
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
  OIDC_ROLES_CLAIM: claimName('roles'),
  OIDC_INSTITUTION_IDS_CLAIM: claimName('institutionIds'),
  OIDC_DISTRICT_CODE_CLAIM: claimName('districtCode'),
});

export function loadWebAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfigDto {
  const c = loadEnv('gateway (sign-in)', schema, env);
  const claims = {
    roles: c.OIDC_ROLES_CLAIM,
    institutionIds: c.OIDC_INSTITUTION_IDS_CLAIM,
    districtCode: c.OIDC_DISTRICT_CODE_CLAIM,
  };
  const production = c.NODE_ENV === 'production';
  if (c.OIDC_AUTHORITY === undefined) {
    if (production) {
      throw new Error(
        'gateway (sign-in): invalid configuration: OIDC_AUTHORITY is required when NODE_ENV=production ' +
          '(the development sign-in does not exist there)',
      );
    }
    return { mode: 'dev', claims };
  }
  if (production && new URL(c.OIDC_AUTHORITY).protocol !== 'https:') {
    throw new Error(
      'gateway (sign-in): invalid configuration: OIDC_AUTHORITY must be an https URL when NODE_ENV=production',
    );
  }
  return {
    mode: 'oidc',
    // The issuer exactly as tokens carry it: no trailing slash.
    authority: c.OIDC_AUTHORITY.replace(/\/+$/, ''),
    clientId: c.OIDC_CLIENT_ID,
    scope: c.OIDC_SCOPE.split(/\s+/).join(' '),
    claims,
  };
}

/** The origin the browser calls for OpenID Connect (discovery, token, logout), or none in dev mode. */
export function signInOrigins(config: AuthConfigDto): string[] {
  return config.mode === 'oidc' ? [new URL(config.authority).origin] : [];
}

export const WEB_AUTH_CONFIG = Symbol('WEB_AUTH_CONFIG');
