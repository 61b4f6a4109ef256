/**
 * Sign-in with OpenID Connect in a real browser: a real Keycloak (infra/keycloak, realm `plassoversikt`),
 * a whole stack whose gateway names it (`OIDC_AUTHORITY`) and whose services accept its tokens
 * (`AUTH_ISSUERS`), and Debian's Chromium filling Keycloak's own login form.
 */
import { signDevToken } from '@plass/auth';
import type { InstitutionDto, UnitDto } from '@plass/contracts';
import {
  ApiClient,
  eventually,
  expectStatus,
  institutionFactory,
  keycloakAdminToken,
  keycloakAuthEnv,
  keycloakDemoPassword,
  KEYCLOAK_REALM,
  KEYCLOAK_WEB_CLIENT,
  startKeycloak,
  startTestStack,
  unitFactory,
  type RunningKeycloak,
  type TestStack,
} from '@plass/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureWebDist, launch, screenshot } from './browser';

interface WebClient {
  id: string;
  webOrigins?: string[];
  attributes?: Record<string, string>;
}

/** A JWT's `exp` in milliseconds. */
function expiryOf(token: string): number {
  const { exp } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    exp: number;
  };
  return exp * 1000;
}

/** The web client's access tokens in the renewal test: renewed a minute before expiry, so after ~10 s. */
const SHORT_TOKEN_SECONDS = 70;

describe('sign-in with Keycloak in a browser', () => {
  const savedEnv = { ...process.env };
  let keycloak: RunningKeycloak;
  let stack: TestStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let admin: ApiClient;

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({
      baseURL: stack.gatewayUrl,
      viewport: { width: 1280, height: 900 },
      locale: 'nb-NO',
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') console.warn(`browser: ${message.text()}`);
    });
    return page;
  }

  /** From the dashboard's sign-in page through Keycloak's own form and back. */
  async function signInWithKeycloak(page: Page, username: string, screenshotName?: string): Promise<void> {
    await page.goto('/');
    await page.waitForURL(/\/logg-inn/);
    await page.getByRole('button', { name: 'Logg inn med Oslo kommune-konto' }).click();
    await page.waitForURL((url) => url.origin === keycloak.url && url.pathname.includes('/realms/'));
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(keycloakDemoPassword(username));
    if (screenshotName) await screenshot(page, screenshotName);
    await page.locator('#kc-login').click();
    await page.waitForURL(
      (url) => url.origin === stack.gatewayUrl && !url.pathname.startsWith('/innlogging'),
    );
  }

  /** The web client as the realm file has it, to put back in afterAll. */
  let originalWebClient: WebClient | null = null;

  /** Changes the web client through Keycloak's admin API (`change` gets its representation). */
  async function changeWebClient(change: (client: WebClient) => WebClient): Promise<void> {
    const token = await keycloakAdminToken(keycloak.url);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const base = `${keycloak.url}/admin/realms/${KEYCLOAK_REALM}/clients`;
    const found = await fetch(`${base}?clientId=${KEYCLOAK_WEB_CLIENT}`, { headers });
    const [client] = (await found.json()) as WebClient[];
    if (!client) throw new Error(`Keycloak has no client ${KEYCLOAK_WEB_CLIENT}`);
    originalWebClient ??= client;
    const response = await fetch(`${base}/${client.id}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify(change(client)),
    });
    if (!response.ok) throw new Error(`Keycloak: updating the web client failed: ${response.status}`);
  }

  /**
   * Puts the web client back as it was. Keycloak keeps a client attribute that an update leaves out, so
   * the token lifespan is written back explicitly: the client's own, or else the realm's (the kept data
   * dir is shared with the other Keycloak specs, which expect the realm's lifespan).
   */
  async function restoreWebClient(original: WebClient): Promise<void> {
    const token = await keycloakAdminToken(keycloak.url);
    const realm = await fetch(`${keycloak.url}/admin/realms/${KEYCLOAK_REALM}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { accessTokenLifespan } = (await realm.json()) as { accessTokenLifespan: number };
    const lifespan = original.attributes?.['access.token.lifespan'] ?? String(accessTokenLifespan);
    await changeWebClient(() => ({
      ...original,
      attributes: { ...original.attributes, 'access.token.lifespan': lifespan },
    }));
  }

  beforeAll(async () => {
    ensureWebDist();
    keycloak = await startKeycloak();
    Object.assign(process.env, keycloakAuthEnv(keycloak.issuer), {
      AUTH_ALLOW_HTTP_JWKS: 'true',
      OIDC_AUTHORITY: keycloak.issuer,
    });
    stack = await startTestStack();
    admin = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }),
    );
    browser = await launch();
  }, 420_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stack?.dispose();
    if (keycloak) {
      const original = originalWebClient;
      if (original) await restoreWebClient(original).catch(() => undefined);
      await keycloak.stop();
    }
    process.env = savedEnv;
  }, 120_000);

  it("signs a district's staff in through Keycloak's form and lands on the district's page, and out again", async () => {
    const page = await newPage();
    await signInWithKeycloak(page, 'bydel-030103', 'innlogging-keycloak');
    expect(new URL(page.url()).pathname).toBe('/bydel');
    await page.getByRole('heading', { level: 1, name: 'Bydel Sagene' }).waitFor();
    await page.getByTestId('connection-status').filter({ hasText: 'Direkte' }).waitFor({ timeout: 15_000 });

    // «Logg ut» ends Keycloak's session: signing in again shows Keycloak's form, not a silent return.
    await page.locator('.site-header__user--bar').getByRole('button', { name: 'Logg ut' }).click();
    await page.waitForURL((url) => url.origin === stack.gatewayUrl && url.pathname === '/logg-inn');
    await page.getByRole('button', { name: 'Logg inn med Oslo kommune-konto' }).click();
    await page.waitForURL((url) => url.origin === keycloak.url);
    await page.locator('#username').waitFor();
  });

  it('shows a login without a role «Du har ingen tilgang i Plassoversikt», and lets the user sign out', async () => {
    const page = await newPage();
    await signInWithKeycloak(page, 'uten-rolle');
    await page.getByRole('heading', { level: 1, name: 'Du har ingen tilgang i Plassoversikt' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Hovedmeny' }).count()).toBe(0);
    await page.getByText(/Kontakt administratoren/).waitFor();
    await screenshot(page, 'ingen-tilgang');
    await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.waitForURL((url) => url.origin === stack.gatewayUrl && url.pathname === '/logg-inn');
  });

  it('renews the token before it runs out: REST calls use the new one, and the socket stays live', async () => {
    await changeWebClient((client) => ({
      ...client,
      attributes: { ...client.attributes, 'access.token.lifespan': String(SHORT_TOKEN_SECONDS) },
    }));
    // A place in Sagene, whose free places the district's page shows live.
    const institution = expectStatus(
      await admin.post<InstitutionDto>(
        '/api/institutions',
        institutionFactory().name('E2E Fornyelseshuset').district('030103').build(),
      ),
      201,
    );
    const unit = expectStatus(
      await admin.post<UnitDto>(
        `/api/institutions/${institution.id}/units`,
        unitFactory().capacity(4).build(),
      ),
      201,
    );

    const page = await newPage();
    /** Access tokens Keycloak handed out, in order, by grant. */
    const issued: { grant: string; token: string }[] = [];
    page.on('response', (response) => {
      if (!response.url().endsWith('/protocol/openid-connect/token') || !response.ok()) return;
      const grant = new URLSearchParams(response.request().postData() ?? '').get('grant_type') ?? '';
      void response.json().then(
        (body: { access_token?: string }) =>
          body.access_token && issued.push({ grant, token: body.access_token }),
        () => undefined,
      );
    });
    /** REST calls to the gateway: the bearer token each carried, and the answer. */
    const calls: { token: string; status: number }[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.origin !== stack.gatewayUrl || !url.pathname.startsWith('/api/')) return;
      const token = (response.request().headers().authorization ?? '').replace(/^Bearer /, '');
      if (token) calls.push({ token, status: response.status() });
    });

    await signInWithKeycloak(page, 'bydel-030103');
    await page.getByRole('heading', { level: 1, name: 'Bydel Sagene' }).waitFor();
    const first = issued.find((i) => i.grant === 'authorization_code');
    expect(first).toBeDefined();

    // The browser renews with the refresh token before the first token's exp.
    await eventually(() => expect(issued.some((i) => i.grant === 'refresh_token')).toBe(true), {
      timeoutMs: SHORT_TOKEN_SECONDS * 1000,
    });
    // Past the first token's exp: a socket that had not re-authenticated is cut off then (ADR 0115), and
    // the page would sign out. Waiting for the clock is the point here, not a guess at a delay.
    const firstExp = expiryOf(first?.token ?? '');
    await page.waitForTimeout(Math.max(0, firstExp + 2000 - Date.now()));
    const renewed = issued.filter((i) => i.grant === 'refresh_token').map((i) => i.token);
    expect(renewed).not.toContain(first?.token);

    // A REST call with a renewed token: another page and back.
    const menu = page.getByRole('navigation', { name: 'Hovedmeny' });
    await menu.getByRole('link', { name: 'Varsler', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Varsler' }).waitFor();
    await eventually(
      () => expect(calls.some((call) => renewed.includes(call.token) && call.status === 200)).toBe(true),
      { timeoutMs: 10_000 },
    );
    await menu.getByRole('link', { name: 'Bydel', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Bydel Sagene' }).waitFor();

    // The socket still pushes: an admission now changes the district's free places on the page.
    const places = page.locator('section[aria-labelledby="district-places-heading"] .unit-status');
    const freeNow = async () =>
      Number(/:\s*(\d+)\s+ledige/.exec((await places.textContent()) ?? '')?.[1] ?? NaN);
    await eventually(async () => expect(await freeNow()).toBeGreaterThan(0), { timeoutMs: 15_000 });
    const before = await freeNow();
    const staff = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({
        roles: ['institution-staff'],
        institutionIds: [institution.id],
        districtCode: null,
      }),
    );
    expectStatus(
      await staff.post(`/api/units/${unit.id}/admissions`, { referringDistrictCode: '030103' }),
      201,
    );
    await eventually(async () => expect(await freeNow()).toBe(before - 1), { timeoutMs: 15_000 });
    await page.getByTestId('connection-status').filter({ hasText: 'Direkte' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/bydel');
  }, 180_000);
});
