import { Module, type INestApplication } from '@nestjs/common';
import { AuthModule } from '@plass/auth';
import { AuthConfig } from '@plass/contracts';
import { createService, ObservabilityModule, previewOpenApiDocument } from '@plass/observability';
import pino from 'pino';
import { AppModule } from '../app.module';
import { loadConfig } from '../config';
import { GATEWAY_OPEN_API } from '../openapi';
import { applySecurity } from '../security/security';
import { loadSecurityConfig } from '../security/security.config';
import { loadWebAuthConfig, signInOrigins } from './auth-config.config';
import { AuthConfigModule } from './auth-config.module';

const logger = pino({ level: 'silent' });
const KEYCLOAK = 'http://127.0.0.1:18080/realms/plassoversikt';

describe('loadWebAuthConfig', () => {
  it('offers the development sign-in when no OIDC_AUTHORITY is set outside production', () => {
    expect(loadWebAuthConfig({ NODE_ENV: 'development' })).toEqual({
      mode: 'dev',
      claims: { roles: 'roles', institutionIds: 'institutionIds', districtCode: 'districtCode' },
    });
  });

  it('signs in with OpenID Connect at OIDC_AUTHORITY, with the default client and scope', () => {
    expect(loadWebAuthConfig({ OIDC_AUTHORITY: `${KEYCLOAK}/` })).toEqual({
      mode: 'oidc',
      authority: KEYCLOAK,
      clientId: 'plassoversikt-web',
      scope: 'openid',
      claims: { roles: 'roles', institutionIds: 'institutionIds', districtCode: 'districtCode' },
    });
  });

  it('takes the client and the scopes, and the claim mapping the services use for that issuer', () => {
    const config = loadWebAuthConfig({
      OIDC_AUTHORITY: KEYCLOAK,
      OIDC_CLIENT_ID: 'plass',
      OIDC_SCOPE: 'openid  profile',
      AUTH_CLAIM_DISTRICT_CODE: 'bydel',
      AUTH_ISSUERS: JSON.stringify([
        {
          issuer: KEYCLOAK,
          jwksUrl: `${KEYCLOAK}/protocol/openid-connect/certs`,
          claims: { roles: 'realm_access.roles' },
          roleMap: { 'Plass.Admin': 'admin' },
        },
      ]),
    });
    expect(config).toMatchObject({
      clientId: 'plass',
      scope: 'openid profile',
      claims: {
        roles: 'realm_access.roles',
        institutionIds: 'institutionIds',
        districtCode: 'bydel',
        roleMap: { 'Plass.Admin': 'admin' },
      },
    });
  });

  it('never offers the development sign-in in production: OIDC_AUTHORITY is required there', () => {
    expect(() => loadWebAuthConfig({ NODE_ENV: 'production' })).toThrow(/OIDC_AUTHORITY is required/);
    expect(
      loadWebAuthConfig({
        NODE_ENV: 'production',
        OIDC_AUTHORITY: 'https://login.oslo.kommune.no/x',
        AUTH_JWKS_URL: 'https://login.oslo.kommune.no/x/certs',
      }),
    ).toMatchObject({ mode: 'oidc' });
  });

  it("takes an http provider in production only with the services' private-network exception", () => {
    expect(
      loadWebAuthConfig({
        NODE_ENV: 'production',
        OIDC_AUTHORITY: KEYCLOAK,
        AUTH_ALLOW_HTTP_JWKS: 'true',
        AUTH_JWKS_URL: `${KEYCLOAK}/certs`,
      }),
    ).toMatchObject({ mode: 'oidc', authority: KEYCLOAK });
  });

  it.each([
    [{ OIDC_AUTHORITY: 'login.example.no' }, /OIDC_AUTHORITY/],
    [{ NODE_ENV: 'production', OIDC_AUTHORITY: KEYCLOAK }, /OIDC_AUTHORITY must be an https URL/],
    [{ OIDC_AUTHORITY: KEYCLOAK, OIDC_SCOPE: 'profile' }, /OIDC_SCOPE: must include openid/],
  ])('stops at boot on %j, naming the variable', (env, message) => {
    expect(() => loadWebAuthConfig(env)).toThrow(message);
  });
});

describe(AuthConfigModule.name, () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    @Module({
      imports: [
        ObservabilityModule.forRoot({ service: 'gateway-test', logger }),
        AuthModule.forRoot(),
        AuthConfigModule.forRoot(loadWebAuthConfig({ OIDC_AUTHORITY: KEYCLOAK })),
      ],
    })
    class TestModule {}
    const config = loadWebAuthConfig({ OIDC_AUTHORITY: KEYCLOAK });
    app = await createService(TestModule, { name: 'gateway-test', port: 0, logger, bodyParser: false });
    applySecurity(app, loadSecurityConfig({}), signInOrigins(config));
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(() => app?.close());

  it('answers GET /api/auth/config without a token, as the contract says', async () => {
    const response = await fetch(`${url}/api/auth/config`);
    expect(response.status).toBe(200);
    expect(AuthConfig.parse(await response.json())).toMatchObject({
      mode: 'oidc',
      authority: KEYCLOAK,
      clientId: 'plassoversikt-web',
    });
  });

  it("lets the dashboard call the provider's origin, and no other", async () => {
    const response = await fetch(`${url}/api/auth/config`);
    const policy = response.headers.get('content-security-policy') ?? '';
    const connectSrc = policy.split(';').find((d) => d.trim().startsWith('connect-src')) ?? '';
    expect(connectSrc.split(/\s+/)).toContain('http://127.0.0.1:18080');
    expect(connectSrc).not.toMatch(/realms/);
  });
});

describe('the gateway in production', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  async function pathsWith(env: NodeJS.ProcessEnv): Promise<string[]> {
    // The stack's broker credentials: the preview opens no connection, but the module wants them.
    process.env = { KAFKA_SASL_USERNAME: 'gateway', KAFKA_SASL_PASSWORD: 'unused', ...saved, ...env };
    const document = await previewOpenApiDocument(AppModule.forRoot(loadConfig()), GATEWAY_OPEN_API);
    return Object.keys(document.paths);
  }

  it('has no development sign-in route, and tells the dashboard to use OpenID Connect', async () => {
    const production = await pathsWith({
      NODE_ENV: 'production',
      OIDC_AUTHORITY: 'https://login.oslo.kommune.no/realms/plassoversikt',
      AUTH_JWKS_URL: 'https://login.oslo.kommune.no/realms/plassoversikt/protocol/openid-connect/certs',
    });
    expect(production).toContain('/api/auth/config');
    expect(production).not.toContain('/api/dev/token');
  });

  it('has it outside production (the same check, so the one above can fail)', async () => {
    expect(await pathsWith({ NODE_ENV: 'development' })).toContain('/api/dev/token');
  });

  it('does not start without OIDC_AUTHORITY', async () => {
    await expect(pathsWith({ NODE_ENV: 'production', OIDC_AUTHORITY: '' })).rejects.toThrow(/OIDC_AUTHORITY/);
  });
});
