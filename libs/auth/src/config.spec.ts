import { authConfigFromEnv, DEV_SECRET } from './config';

describe(authConfigFromEnv.name, () => {
  it('defaults to the local issuer, audience and development key', () => {
    expect(authConfigFromEnv({})).toEqual({
      issuer: 'plassoversikt-local',
      audience: 'plassoversikt',
      jwksUrl: null,
      devSecret: DEV_SECRET,
      maxTokenLifetimeSeconds: 43_200,
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
});
