/**
 * Tokens of a real Keycloak (infra/keycloak, realm `plassoversikt`) against the real stack (issue 16):
 * the services accept them through AUTH_ISSUERS beside the development key, the realm's mappers give the
 * claims the services need (roles, districtCode, institutionIds after the assignment through the admin
 * API), and a user without a role is refused with a message that says why.
 */
import { createHash, randomBytes } from 'node:crypto';
import { signDevToken } from '@plass/auth';
import type { InstitutionDto, UnitDto } from '@plass/contracts';
import {
  ApiClient,
  expectStatus,
  institutionFactory,
  KEYCLOAK_WEB_CLIENT,
  keycloakAuthEnv,
  keycloakCliToken,
  setKeycloakUserAttribute,
  startKeycloak,
  startTestStack,
  unitFactory,
  type RunningKeycloak,
  type TestStack,
} from '@plass/testing';

const DASHBOARD = 'http://localhost:5173';

/** The web client's authorization request; Keycloak answers with its login page (or an error redirect). */
function authorizeUrl(issuer: string, params: Record<string, string>): URL {
  const url = new URL(`${issuer}/protocol/openid-connect/auth`);
  url.search = new URLSearchParams({
    client_id: KEYCLOAK_WEB_CLIENT,
    response_type: 'code',
    scope: 'openid',
    redirect_uri: `${DASHBOARD}/`,
    state: 'state-1',
    ...params,
  }).toString();
  return url;
}

function payload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
}

describe('Keycloak tokens at the services', () => {
  let keycloak: RunningKeycloak;
  let stack: TestStack;
  const savedIssuers = process.env.AUTH_ISSUERS;

  beforeAll(async () => {
    keycloak = await startKeycloak();
    // The launcher passes the test's environment to every service.
    process.env.AUTH_ISSUERS = keycloakAuthEnv(keycloak.issuer).AUTH_ISSUERS;
    stack = await startTestStack();
  }, 300_000);

  afterAll(async () => {
    if (savedIssuers === undefined) delete process.env.AUTH_ISSUERS;
    else process.env.AUTH_ISSUERS = savedIssuers;
    await stack?.dispose();
    await keycloak?.stop();
  }, 120_000);

  it('issues tokens with the issuer, audience and claims of the contract', async () => {
    const token = await keycloakCliToken(keycloak.issuer, 'bydel-030103');
    const claims = payload(token);
    expect(claims).toMatchObject({
      iss: keycloak.issuer,
      roles: ['district-staff'],
      districtCode: '030103',
    });
    expect([claims.aud].flat()).toContain('plassoversikt');
    expect((claims.exp as number) - (claims.iat as number)).toBe(300);
  });

  it('lets a district user of Keycloak read through the gateway, as a development token does', async () => {
    const district = new ApiClient(stack.gatewayUrl, await keycloakCliToken(keycloak.issuer, 'bydel-030103'));
    const fromKeycloak = expectStatus(await district.get<InstitutionDto[]>('/api/institutions'), 200);
    const dev = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({ roles: ['district-staff'], institutionIds: [], districtCode: '030103' }),
    );
    expect(expectStatus(await dev.get<InstitutionDto[]>('/api/institutions'), 200)).toEqual(fromKeycloak);
  });

  it('refuses a Keycloak user without a role, saying the token has no roles', async () => {
    const none = new ApiClient(stack.gatewayUrl, await keycloakCliToken(keycloak.issuer, 'uten-rolle'));
    const response = await none.get<{ message?: string; detail?: string; code?: string }>(
      '/api/institutions',
    );
    expect(response.status).toBe(401);
    expect(JSON.stringify(response.body)).toMatch(/token claim roles must be a non-empty array/);
    expect(response.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });

  it('lets the institution user write its own institution once institutionIds is assigned', async () => {
    const admin = new ApiClient(stack.gatewayUrl, await keycloakCliToken(keycloak.issuer, 'admin'));
    const institution = expectStatus(
      await admin.post<InstitutionDto>(
        '/api/institutions',
        institutionFactory().name('Keycloak-huset').district('030103').build(),
      ),
      201,
    );
    const unit = expectStatus(
      await admin.post<UnitDto>(
        `/api/institutions/${institution.id}/units`,
        unitFactory().name('Post K').category('acute').capacity(2).build(),
      ),
      201,
    );

    // Without institutionIds the realm's institution-staff token is refused (the claim is required).
    await setKeycloakUserAttribute(keycloak.url, 'institusjon', 'institutionIds', []);
    const before = new ApiClient(stack.gatewayUrl, await keycloakCliToken(keycloak.issuer, 'institusjon'));
    const refused = await before.post(`/api/units/${unit.id}/admissions`, {
      referringDistrictCode: '030103',
    });
    expect(refused.status).toBe(401);
    expect(JSON.stringify(refused.body)).toMatch(
      /institution-staff token needs at least one id in institutionIds/,
    );

    await setKeycloakUserAttribute(keycloak.url, 'institusjon', 'institutionIds', [institution.id]);
    const token = await keycloakCliToken(keycloak.issuer, 'institusjon');
    expect(payload(token).institutionIds).toEqual([institution.id]);
    const staff = new ApiClient(stack.gatewayUrl, token);
    expectStatus(
      await staff.post(`/api/units/${unit.id}/admissions`, { referringDistrictCode: '030103' }),
      201,
    );
  });

  it('signs a user in through the web client with authorization code + PKCE, and nothing else', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const page = await fetch(
      authorizeUrl(keycloak.issuer, { code_challenge: challenge, code_challenge_method: 'S256' }),
    );
    expect(page.status).toBe(200);
    const cookie = page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const action = /action="([^"]*login-actions\/authenticate[^"]*)"/.exec(await page.text())?.[1];
    expect(action).toBeDefined();
    const login = await fetch((action ?? '').replace(/&amp;/g, '&'), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'inntak', password: 'inntak-passord' }),
    });
    expect(login.status).toBe(302);
    const back = new URL(login.headers.get('location') ?? '');
    expect(back.origin).toBe(DASHBOARD);
    const code = back.searchParams.get('code') ?? '';

    // The dashboard exchanges the code from its own origin: CORS must let it read the answer.
    const exchange = await fetch(`${keycloak.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { origin: DASHBOARD, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: KEYCLOAK_WEB_CLIENT,
        code,
        redirect_uri: `${DASHBOARD}/`,
        code_verifier: verifier,
      }),
    });
    expect(exchange.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    const tokens = (await exchange.json()) as {
      access_token: string;
      refresh_token?: string;
      expires_in: number;
    };
    expect(exchange.status).toBe(200);
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(tokens.expires_in).toBe(300);
    const intake = new ApiClient(stack.gatewayUrl, tokens.access_token);
    expectStatus(await intake.get('/api/institutions'), 200);

    // Without PKCE the authorization request is refused; the web client has no password grant.
    const noPkce = await fetch(authorizeUrl(keycloak.issuer, {}), { redirect: 'manual' });
    expect(new URL(noPkce.headers.get('location') ?? 'x:').searchParams.get('error')).toBe('invalid_request');
    const password = await fetch(`${keycloak.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: KEYCLOAK_WEB_CLIENT,
        username: 'inntak',
        password: 'inntak-passord',
      }),
    });
    expect(password.ok).toBe(false);
    expect(((await password.json()) as { error: string }).error).toBe('unauthorized_client');
  });
});
