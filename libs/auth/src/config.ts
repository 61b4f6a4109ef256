import { ROLES, type Role } from '@plass/domain';

/** Where the user's roles, institutions and district are in a provider's token (dotted paths allowed). */
export interface ClaimNames {
  roles: string;
  institutionIds: string;
  districtCode: string;
}

/**
 * How one identity provider's claims become ours: claim paths, and optionally a map from the provider's
 * role values to our roles (then every value it does not map is ignored).
 */
export interface ClaimMapping extends ClaimNames {
  roleMap: Readonly<Record<string, Role>> | null;
}

/** A further OIDC issuer (AUTH_ISSUERS): tokens whose `iss` is `issuer` are verified with its JWKS. */
export interface IssuerConfig {
  issuer: string;
  audience: string;
  jwksUrl: string;
  mapping: ClaimMapping;
}

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
  /**
   * Claim mapping for the tokens of `jwksUrl` (AUTH_CLAIM_*, AUTH_ROLE_MAP); also the default of every
   * AUTH_ISSUERS entry. Tokens signed with the development key always carry our own claim names.
   * Absent means `DEFAULT_CLAIM_MAPPING`.
   */
  mapping?: ClaimMapping;
  /** Further issuers (AUTH_ISSUERS), each with its own JWKS; absent means none. */
  issuers?: IssuerConfig[];
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

export const DEFAULT_CLAIM_NAMES: Readonly<ClaimNames> = {
  roles: 'roles',
  institutionIds: 'institutionIds',
  districtCode: 'districtCode',
};
export const DEFAULT_CLAIM_MAPPING: Readonly<ClaimMapping> = { ...DEFAULT_CLAIM_NAMES, roleMap: null };

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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(name: string, value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch (error) {
    throw new Error(`${name} must be JSON: ${(error as Error).message}`);
  }
}

/** `{"Plass.Admin":"admin",…}`: every value must be one of our roles. */
function roleMap(name: string, value: unknown): Record<string, Role> {
  if (!isObject(value) || Object.keys(value).length === 0) {
    throw new Error(`${name} must be a non-empty JSON object like {"Plass.Admin":"admin"}`);
  }
  const map: Record<string, Role> = {};
  for (const [from, to] of Object.entries(value)) {
    if (typeof to !== 'string' || !(ROLES as readonly string[]).includes(to)) {
      throw new Error(
        `${name} maps ${JSON.stringify(from)} to ${JSON.stringify(to)}, which is not one of: ${ROLES.join(', ')}`,
      );
    }
    map[from] = to as Role;
  }
  return map;
}

function claimPath(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`${name} must be a non-empty claim name or dotted path, got ${JSON.stringify(value)}`);
  }
  return value.trim();
}

/** AUTH_CLAIM_ROLES, AUTH_CLAIM_INSTITUTION_IDS, AUTH_CLAIM_DISTRICT_CODE and AUTH_ROLE_MAP. */
function globalMapping(env: Env): ClaimMapping {
  const names: [keyof ClaimNames, string][] = [
    ['roles', 'AUTH_CLAIM_ROLES'],
    ['institutionIds', 'AUTH_CLAIM_INSTITUTION_IDS'],
    ['districtCode', 'AUTH_CLAIM_DISTRICT_CODE'],
  ];
  const mapping: ClaimMapping = { ...DEFAULT_CLAIM_MAPPING };
  for (const [key, variable] of names) mapping[key] = setting(env, variable) ?? DEFAULT_CLAIM_NAMES[key];
  const map = setting(env, 'AUTH_ROLE_MAP');
  if (map !== null) mapping.roleMap = roleMap('AUTH_ROLE_MAP', parseJson('AUTH_ROLE_MAP', map));
  return mapping;
}

/** In production a JWKS must come over https, unless AUTH_ALLOW_HTTP_JWKS=true (compose, local Keycloak). */
function checkJwksUrl(env: Env, name: string, url: unknown): string {
  if (typeof url !== 'string' || !URL.canParse(url)) {
    throw new Error(`${name} must be a URL, got ${JSON.stringify(url)}`);
  }
  const protocol = new URL(url).protocol;
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new Error(`${name} must be an http(s) URL, got ${JSON.stringify(url)}`);
  }
  if (isProduction(env) && protocol !== 'https:' && setting(env, 'AUTH_ALLOW_HTTP_JWKS') !== 'true') {
    throw new Error(
      `${name} must be an https URL when NODE_ENV=production (AUTH_ALLOW_HTTP_JWKS=true allows http, for a provider on a private network only)`,
    );
  }
  return url;
}

const ISSUER_KEYS = ['issuer', 'jwksUrl', 'audience', 'claims', 'roleMap'];

/** AUTH_ISSUERS: `[{"issuer":"…","jwksUrl":"…","audience":"…","claims":{…},"roleMap":{…}}]`. */
function issuersFromEnv(env: Env, audience: string, mapping: ClaimMapping): IssuerConfig[] {
  const value = setting(env, 'AUTH_ISSUERS');
  if (value === null) return [];
  const list = parseJson('AUTH_ISSUERS', value);
  if (!Array.isArray(list))
    throw new Error('AUTH_ISSUERS must be a JSON array of {issuer, jwksUrl, audience?}');
  return list.map((entry: unknown, i): IssuerConfig => {
    const name = `AUTH_ISSUERS[${i}]`;
    if (!isObject(entry)) throw new Error(`${name} must be an object with issuer and jwksUrl`);
    const unknownKey = Object.keys(entry).find((key) => !ISSUER_KEYS.includes(key));
    if (unknownKey !== undefined) {
      throw new Error(
        `${name} has an unknown key ${JSON.stringify(unknownKey)}; known: ${ISSUER_KEYS.join(', ')}`,
      );
    }
    if (typeof entry.issuer !== 'string' || entry.issuer.trim() === '') {
      throw new Error(`${name}.issuer must be a non-empty string`);
    }
    if (entry.audience !== undefined && (typeof entry.audience !== 'string' || entry.audience === '')) {
      throw new Error(`${name}.audience must be a non-empty string`);
    }
    const own: ClaimMapping = { ...mapping };
    if (entry.claims !== undefined) {
      if (!isObject(entry.claims)) throw new Error(`${name}.claims must be an object`);
      for (const [key, path] of Object.entries(entry.claims)) {
        if (!(key in DEFAULT_CLAIM_NAMES)) {
          throw new Error(
            `${name}.claims has an unknown key ${JSON.stringify(key)}; known: roles, institutionIds, districtCode`,
          );
        }
        own[key as keyof ClaimNames] = claimPath(`${name}.claims.${key}`, path);
      }
    }
    if (entry.roleMap !== undefined) own.roleMap = roleMap(`${name}.roleMap`, entry.roleMap);
    return {
      issuer: entry.issuer,
      audience: entry.audience ?? audience,
      jwksUrl: checkJwksUrl(env, `${name}.jwksUrl`, entry.jwksUrl),
      mapping: own,
    };
  });
}

/**
 * Reads AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL, AUTH_DEV_SECRET, AUTH_MAX_TOKEN_LIFETIME_S,
 * AUTH_ISSUERS, AUTH_ALLOW_HTTP_JWKS, AUTH_CLAIM_ROLES, AUTH_CLAIM_INSTITUTION_IDS,
 * AUTH_CLAIM_DISTRICT_CODE and AUTH_ROLE_MAP; throws naming a bad variable.
 */
export function authConfigFromEnv(env: Env = process.env): AuthConfig {
  const jwksUrlSetting = setting(env, 'AUTH_JWKS_URL');
  const jwksUrl = jwksUrlSetting === null ? null : checkJwksUrl(env, 'AUTH_JWKS_URL', jwksUrlSetting);
  const audience = setting(env, 'AUTH_AUDIENCE') ?? DEFAULT_AUDIENCE;
  const issuer = setting(env, 'AUTH_ISSUER') ?? DEFAULT_ISSUER;
  const mapping = globalMapping(env);
  const issuers = issuersFromEnv(env, audience, mapping);
  if (isProduction(env) && jwksUrl === null && issuers.length === 0) {
    throw new Error(
      'AUTH_JWKS_URL is required when NODE_ENV=production, or AUTH_ISSUERS (the development key is not accepted)',
    );
  }
  const devSecret = isProduction(env) ? null : (setting(env, 'AUTH_DEV_SECRET') ?? DEV_SECRET);
  const names = [
    ...(jwksUrl !== null || devSecret !== null ? [issuer] : []),
    ...issuers.map((i) => i.issuer),
  ];
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) {
    throw new Error(
      `issuer ${JSON.stringify(twice)} is configured twice (AUTH_ISSUER and AUTH_ISSUERS): each issuer needs one entry`,
    );
  }
  return {
    issuer,
    audience,
    jwksUrl,
    devSecret,
    maxTokenLifetimeSeconds: maxTokenLifetime(env),
    mapping,
    issuers,
  };
}
