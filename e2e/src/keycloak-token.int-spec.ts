/**
 * Tokens of a real Keycloak (infra/keycloak, realm `plassoversikt`) against the real stack (issue 16):
 * the services accept them through AUTH_ISSUERS beside the development key, the realm's mappers give the
 * claims the services need (roles, districtCode, institutionIds after the assignment through the admin
 * API), and a user without a role is refused with a message that says why.
 */
import { signDevToken } from '@plass/auth';
import type { InstitutionDto, UnitDto } from '@plass/contracts';
import {
  ApiClient,
  expectStatus,
  institutionFactory,
  keycloakAuthEnv,
  keycloakCliToken,
  setKeycloakUserAttribute,
  startKeycloak,
  startTestStack,
  unitFactory,
  type RunningKeycloak,
  type TestStack,
} from '@plass/testing';

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
});
