import { authConfigFromEnv, DEFAULT_CLAIM_MAPPING, DEV_SECRET } from './config';

describe(authConfigFromEnv.name, () => {
  it('defaults to the local issuer, audience and development key', () => {
    expect(authConfigFromEnv({})).toEqual({
      issuer: 'plassoversikt-local',
      audience: 'plassoversikt',
      jwksUrl: null,
      devSecret: DEV_SECRET,
      maxTokenLifetimeSeconds: 43_200,
      mapping: DEFAULT_CLAIM_MAPPING,
      issuers: [],
    });
  });

  it('reads every variable from the environment', () => {
    const env = {
      AUTH_ISSUER: 'https://login.oslo.kommune.no',
      AUTH_AUDIENCE: 'plass-api',
      AUTH_JWKS_URL: 'https://login.oslo.kommune.no/jwks',
      AUTH_DEV_SECRET: 'my-local-key',
      AUTH_MAX_TOKEN_LIFETIME_S: '3600',
    };
    expect(authConfigFromEnv(env)).toEqual({
      issuer: env.AUTH_ISSUER,
      audience: env.AUTH_AUDIENCE,
      jwksUrl: env.AUTH_JWKS_URL,
      devSecret: 'my-local-key',
      maxTokenLifetimeSeconds: 3600,
      mapping: DEFAULT_CLAIM_MAPPING,
      issuers: [],
    });
  });

  it('treats an empty variable as unset', () => {
    expect(authConfigFromEnv({ AUTH_ISSUER: '', AUTH_JWKS_URL: ' ' })).toMatchObject({
      issuer: 'plassoversikt-local',
      jwksUrl: null,
    });
  });

  it('refuses to start in production without AUTH_JWKS_URL', () => {
    expect(() => authConfigFromEnv({ NODE_ENV: 'production' })).toThrow(/AUTH_JWKS_URL is required/);
  });

  it('never uses the development key in production, even when AUTH_DEV_SECRET is set', () => {
    const env = { NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_DEV_SECRET: 'x' };
    expect(authConfigFromEnv(env).devSecret).toBeNull();
  });

  it('names AUTH_JWKS_URL when it is not a URL, or not https in production', () => {
    expect(() => authConfigFromEnv({ AUTH_JWKS_URL: 'idp/jwks' })).toThrow(/AUTH_JWKS_URL must be a URL/);
    expect(() => authConfigFromEnv({ NODE_ENV: 'production', AUTH_JWKS_URL: 'http://idp/jwks' })).toThrow(
      /AUTH_JWKS_URL must be an https URL/,
    );
  });

  it('names AUTH_MAX_TOKEN_LIFETIME_S when it is not a positive whole number of seconds', () => {
    for (const bad of ['0', '-5', '12h', '1.5']) {
      expect(() => authConfigFromEnv({ AUTH_MAX_TOKEN_LIFETIME_S: bad })).toThrow(
        /AUTH_MAX_TOKEN_LIFETIME_S must be/,
      );
    }
  });

  describe('claim mapping (AUTH_CLAIM_*, AUTH_ROLE_MAP)', () => {
    it('reads claim paths and a role map', () => {
      const config = authConfigFromEnv({
        AUTH_CLAIM_ROLES: 'realm_access.roles',
        AUTH_CLAIM_INSTITUTION_IDS: 'extension_institutions',
        AUTH_CLAIM_DISTRICT_CODE: 'bydel',
        AUTH_ROLE_MAP: '{"Plass.Admin":"admin","Plass.Inntak":"intake"}',
      });
      expect(config.mapping).toEqual({
        roles: 'realm_access.roles',
        institutionIds: 'extension_institutions',
        districtCode: 'bydel',
        roleMap: { 'Plass.Admin': 'admin', 'Plass.Inntak': 'intake' },
      });
    });

    it('refuses a role map that is not JSON, is empty or maps to a role we do not have', () => {
      expect(() => authConfigFromEnv({ AUTH_ROLE_MAP: '{nope' })).toThrow(/AUTH_ROLE_MAP must be JSON/);
      expect(() => authConfigFromEnv({ AUTH_ROLE_MAP: '{}' })).toThrow(/AUTH_ROLE_MAP must be a non-empty/);
      expect(() => authConfigFromEnv({ AUTH_ROLE_MAP: '{"Plass.Admin":"superuser"}' })).toThrow(
        /AUTH_ROLE_MAP maps "Plass.Admin" to "superuser", which is not one of: institution-staff/,
      );
    });
  });

  describe('several issuers (AUTH_ISSUERS)', () => {
    const keycloak = {
      issuer: 'http://127.0.0.1:8180/realms/plassoversikt',
      jwksUrl: 'http://127.0.0.1:8180/realms/plassoversikt/protocol/openid-connect/certs',
    };
    const entra = {
      issuer: 'https://login.microsoftonline.com/tenant/v2.0',
      jwksUrl: 'https://login.microsoftonline.com/tenant/discovery/v2.0/keys',
      audience: 'api://plassoversikt',
      claims: { roles: 'roles', institutionIds: 'extn.institutions' },
      roleMap: { 'Plass.Admin': 'admin' },
    };

    it('reads each issuer with its JWKS, its audience (default AUTH_AUDIENCE) and its own mapping', () => {
      const config = authConfigFromEnv({
        AUTH_ISSUERS: JSON.stringify([keycloak, entra]),
        AUTH_CLAIM_DISTRICT_CODE: 'bydel',
      });
      expect(config.issuers).toEqual([
        {
          issuer: keycloak.issuer,
          jwksUrl: keycloak.jwksUrl,
          audience: 'plassoversikt',
          mapping: { ...DEFAULT_CLAIM_MAPPING, districtCode: 'bydel' },
        },
        {
          issuer: entra.issuer,
          jwksUrl: entra.jwksUrl,
          audience: 'api://plassoversikt',
          mapping: {
            roles: 'roles',
            institutionIds: 'extn.institutions',
            districtCode: 'bydel',
            roleMap: { 'Plass.Admin': 'admin' },
          },
        },
      ]);
      // The development key stays beside them outside production.
      expect(config.devSecret).toBe(DEV_SECRET);
    });

    it('names the entry and the key that is wrong', () => {
      const bad = (entries: unknown) => () => authConfigFromEnv({ AUTH_ISSUERS: JSON.stringify(entries) });
      expect(() => authConfigFromEnv({ AUTH_ISSUERS: '[{' })).toThrow(/AUTH_ISSUERS must be JSON/);
      expect(bad({ issuer: 'x' })).toThrow(/AUTH_ISSUERS must be a JSON array/);
      expect(bad([keycloak, { jwksUrl: keycloak.jwksUrl }])).toThrow(/AUTH_ISSUERS\[1\].issuer must be/);
      expect(bad([{ issuer: 'x', jwksUrl: 'certs' }])).toThrow(/AUTH_ISSUERS\[0\].jwksUrl must be a URL/);
      expect(bad([{ ...keycloak, jwks: 'x' }])).toThrow(/AUTH_ISSUERS\[0\] has an unknown key "jwks"/);
      expect(bad([{ ...keycloak, claims: { role: 'r' } }])).toThrow(
        /AUTH_ISSUERS\[0\].claims has an unknown key "role"/,
      );
      expect(bad([{ ...keycloak, roleMap: { a: 'root' } }])).toThrow(
        /AUTH_ISSUERS\[0\].roleMap maps "a" to "root"/,
      );
    });

    it('refuses the same issuer twice', () => {
      expect(() =>
        authConfigFromEnv({ AUTH_ISSUER: keycloak.issuer, AUTH_ISSUERS: JSON.stringify([keycloak]) }),
      ).toThrow(/issuer "http:\/\/127.0.0.1:8180\/realms\/plassoversikt" is configured twice/);
    });

    it('is enough in production, but only with https JWKS unless AUTH_ALLOW_HTTP_JWKS=true', () => {
      const https = { NODE_ENV: 'production', AUTH_ISSUERS: JSON.stringify([entra]) };
      expect(authConfigFromEnv(https)).toMatchObject({ jwksUrl: null, devSecret: null });
      const http = { NODE_ENV: 'production', AUTH_ISSUERS: JSON.stringify([entra, keycloak]) };
      expect(() => authConfigFromEnv(http)).toThrow(/AUTH_ISSUERS\[1\].jwksUrl must be an https URL/);
      expect(authConfigFromEnv({ ...http, AUTH_ALLOW_HTTP_JWKS: 'true' }).issuers).toHaveLength(2);
      expect(() =>
        authConfigFromEnv({
          NODE_ENV: 'production',
          AUTH_JWKS_URL: keycloak.jwksUrl,
          AUTH_ALLOW_HTTP_JWKS: '1',
        }),
      ).toThrow(/AUTH_JWKS_URL must be an https URL/);
      expect(
        authConfigFromEnv({
          NODE_ENV: 'production',
          AUTH_JWKS_URL: keycloak.jwksUrl,
          AUTH_ALLOW_HTTP_JWKS: 'true',
        }).jwksUrl,
      ).toBe(keycloak.jwksUrl);
    });
  });
});
