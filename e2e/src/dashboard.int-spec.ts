/**
 * The dashboard in a real browser (Debian's Chromium driven by playwright-core) against a whole stack
 * with the demo data: live numbers across two signed-in users, acknowledging an alert, the CSV report,
 * the load time, and a screenshot of every page.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { signDevToken } from '@plass/auth';
import {
  contractClient,
  getCapacitySummary,
  type AdmissionResultDto,
  type InstitutionDto,
  type UnitDto,
} from '@plass/contracts';
import {
  ApiClient,
  eventually,
  expectStatus,
  institutionFactory,
  startTestStack,
  unitFactory,
  WORKSPACE_ROOT,
  type TestStack,
} from '@plass/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ensureWebDist,
  hasDigits,
  launch,
  screenshot,
  shownCount,
  signIn,
  TOKEN_KEY,
  waitForText,
} from './browser';

/** The first-load guard while the 2 s target is missed (ADR 0170). */
const FIRST_LOAD_GUARD_MS = 3000;

describe('dashboard in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let admin: ApiClient;
  /** A demo institution with a free place, for the live admission. */
  let demo: { institution: InstitutionDto; unit: UnitDto };
  /** A one-place unit of its own, to drive into overcapacity for an alert. */
  let small: { institution: InstitutionDto; unit: UnitDto };

  /** A fresh browser profile per user: its own cookies, storage and cache. */
  async function newUser(): Promise<Page> {
    const context = await browser.newContext({
      baseURL: stack.gatewayUrl,
      viewport: { width: 1280, height: 900 },
      locale: 'nb-NO',
      acceptDownloads: true,
    });
    contexts.push(context);
    return context.newPage();
  }

  /** The whole page, up to a tall screen's worth. */
  beforeAll(async () => {
    ensureWebDist();
    // Loading the demo data is one admin writing about a thousand times in a minute; this stack's
    // gateway lets it (the services inherit this process's environment).
    process.env.RATE_LIMIT_WRITES_PER_MINUTE ??= '100000';
    stack = await startTestStack();
    // The demo data, loaded through the public API like `npm start` does.
    execFileSync('npm', ['run', '-s', 'seed'], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, GATEWAY_URL: stack.gatewayUrl },
      stdio: 'pipe',
      timeout: 150_000,
    });
    admin = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }),
    );
    const institutions = expectStatus(await admin.get<InstitutionDto[]>('/api/institutions'), 200);
    // Measure and click only once the read model has caught up with the seed's hundreds of events.
    const occupied = institutions.flatMap((i) => i.units).reduce((sum, u) => sum + u.occupied, 0);
    const adminToken = await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null });
    const capacity = contractClient({
      baseUrl: stack.gatewayUrl,
      headers: () => ({ authorization: `Bearer ${adminToken}` }),
    });
    await eventually(
      async () => {
        const summary = await capacity.call(getCapacitySummary, {});
        expect(summary.city.totals.occupied).toBe(occupied);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const withRoom = institutions
      .flatMap((institution) => institution.units.map((unit) => ({ institution, unit })))
      .find(({ unit }) => unit.available >= 2 && !unit.closed);
    if (!withRoom) throw new Error('the demo data has no unit with two free places');
    demo = withRoom;

    const institution = expectStatus(
      await admin.post<InstitutionDto>(
        '/api/institutions',
        institutionFactory().name('E2E Varselhuset').build(),
      ),
      201,
    );
    const unit = expectStatus(
      await admin.post<UnitDto>(
        `/api/institutions/${institution.id}/units`,
        unitFactory().name('Enkeltrommet').capacity(1).features('wheelchair', 'women-only').build(),
      ),
      201,
    );
    small = { institution, unit };
    browser = await launch();
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stack?.dispose();
  });

  it('loads the overview with the demo data within the first-load guard (target 2 s, ADR 0170)', async () => {
    // Chromium's own start-up is not the dashboard's: one throwaway page first, in another profile.
    const warmUp = await newUser();
    await warmUp.goto('/logg-inn');
    await warmUp.context().close();

    const token = await signDevToken({ roles: ['intake'], institutionIds: [], districtCode: null });
    const page = await newUser();
    await page.addInitScript(
      `window.sessionStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(token)})`,
    );
    // The page notes when the first numbers are in its DOM, on the page's clock (from the navigation's
    // start): a test polling over CDP adds its own round trips, which on a busy machine were 0.5 s.
    await page.addInitScript(`(() => {
      const ids = ['city-available', 'category-available-acute'];
      const shown = () => ids.every((id) => /\\d/.test(document.querySelector('[data-testid="' + id + '"]')?.textContent ?? ''));
      new MutationObserver((_, observer) => {
        if (!shown()) return;
        window.__firstNumbersMs = Math.round(performance.now());
        observer.disconnect();
      }).observe(document, { subtree: true, childList: true, characterData: true });
    })()`);
    let lastResponseAt = 0;
    page.on('requestfinished', () => (lastResponseAt = Date.now()));
    const started = Date.now();
    await page.goto('/');
    // The first numbers: the city's free places and the category table filled in.
    await waitForText(page.getByTestId('city-available'), hasDigits);
    await waitForText(page.getByTestId('category-available-acute'), hasDigits);
    const polledMs = Date.now() - started;
    const numbersMs = await page.evaluate<number>('window.__firstNumbersMs');
    await page.waitForLoadState('networkidle');
    // networkidle fires 500 ms after the last request ended; the page was done when it ended.
    const networkQuietMs = lastResponseAt - started;
    const navigation = await page.evaluate<{ domContentLoadedMs: number; firstPaintMs: number }>(
      `(() => { const e = performance.getEntriesByType('navigation')[0];
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        return { domContentLoadedMs: Math.round(e.domContentLoadedEventEnd), firstPaintMs: Math.round(paint ? paint.startTime : -1) }; })()`,
    );
    console.log(
      `dashboard load: first numbers after ${numbersMs} ms (seen by the test's polling after ${polledMs} ms), ` +
        `network quiet after ${networkQuietMs} ms ` +
        `(networkidle ${Date.now() - started} ms; DOMContentLoaded ${navigation.domContentLoadedMs} ms, ` +
        `first contentful paint ${navigation.firstPaintMs} ms)`,
    );
    // The target is 2 s (ADR 0065); this machine now measures 1.98–2.23 s, a regression recorded in
    // docs/performance.md and ADR 0170. The test guards against it getting worse while it is fixed.
    expect(numbersMs).toBeLessThan(FIRST_LOAD_GUARD_MS);
    expect(networkQuietMs).toBeLessThan(FIRST_LOAD_GUARD_MS);
  });

  it('shows a district user a free place taken by an institution user within 2 seconds', async () => {
    const district = await newUser();
    await signIn(district, 'Bydel', { district: 'Sagene' });
    await district.goto('/');
    const cityFree = district.getByTestId('city-available');
    const before = shownCount(await waitForText(cityFree, hasDigits));
    await screenshot(district, 'oversikt');

    const staff = await newUser();
    await signIn(staff, 'Institusjon', { institution: demo.institution.name });
    await staff.waitForURL(/\/institusjon$/);
    const unitChoice = staff.getByLabel('Enhet', { exact: true });
    if (await unitChoice.count()) await unitChoice.selectOption(demo.unit.id);
    await staff.getByLabel('Henvisende bydel').selectOption({ label: 'Sagene' });

    const admitted = staff.waitForResponse(
      (r) => r.url().endsWith(`/api/units/${demo.unit.id}/admissions`) && r.request().method() === 'POST',
    );
    await staff.getByRole('button', { name: 'Skriv inn', exact: true }).click();
    const response = await admitted;
    const acknowledgedAt = Date.now();
    expect(response.status()).toBe(201);
    expect(((await response.json()) as AdmissionResultDto).unit.available).toBe(demo.unit.available - 1);

    await waitForText(cityFree, (text) => hasDigits(text) && shownCount(text) === before - 1, 2000);
    const shownAfterMs = Date.now() - acknowledgedAt;
    console.log(`district saw the admission ${shownAfterMs} ms after the 201`);
    expect(shownAfterMs).toBeLessThan(2000);
    await staff.getByTestId('action-success').waitFor();
    await screenshot(staff, 'institusjon');

    await district.goto('/bydel');
    await district.getByRole('heading', { name: 'Boliger og boligbehov' }).waitFor();
    await district.getByTestId('housing-table').waitFor();
    await screenshot(district, 'bydel');

    await district.goto('/ledige');
    const availability = district.getByTestId('availability-table');
    await availability.waitFor();
    // Each row read from the contract's fields: a unit name, free places, and when it last reported.
    const firstUnit = availability.locator('tbody tr').first();
    expect((await firstUnit.locator('th').textContent())?.trim()).not.toBe('');
    expect(shownCount(await firstUnit.locator('td.num.strong').textContent())).toBeGreaterThan(0);
    expect(Date.parse((await firstUnit.locator('time').getAttribute('datetime')) ?? '')).toBeGreaterThan(0);
    await screenshot(district, 'ledige-plasser');
  });

  it('lets institution staff admit over capacity after a plain refusal, then acknowledge the alert', async () => {
    const staff = await newUser();
    await signIn(staff, 'Institusjon', { institution: small.institution.name });
    // The unit's features (ADR 0154) as tags after its name, in bokmål and in the list's order.
    const features = staff.getByTestId(`unit-features-${small.unit.id}`).getByRole('listitem');
    await features.first().waitFor();
    expect(await features.allTextContents()).toEqual(['Kun kvinner', 'Rullestoltilgjengelig']);
    await staff.getByLabel('Henvisende bydel').selectOption({ label: 'Grorud' });
    const admit = staff.getByRole('button', { name: 'Skriv inn', exact: true });
    await admit.click();
    await staff.getByTestId('action-success').waitFor();

    // The unit is full: a plain admission is refused in Norwegian, and overcapacity must be chosen.
    await admit.click();
    const refusal = staff.getByTestId('action-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Det er ingen ledig plass på enheten');
    await staff.getByRole('button', { name: 'Skriv inn likevel (overbelegg)' }).click();
    await staff.getByTestId('action-success').waitFor();

    await staff.goto('/varsler');
    await staff.getByLabel('Type', { exact: true }).selectOption({ label: 'Overbelegg' });
    const overCapacity = staff.locator('tr[data-alert-code="OVER_CAPACITY"]').first();
    // Raised by the capacity service a moment after the admission; pushed live, or there on a reload.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await overCapacity.waitFor({ timeout: 3000 });
        break;
      } catch (error) {
        if (attempt >= 5) throw error;
        await staff.reload();
      }
    }
    const alertId = await overCapacity.getAttribute('data-alert-id');
    await screenshot(staff, 'varsler');
    await overCapacity.getByRole('button', { name: /^Kvitter/ }).click();
    await staff.getByTestId('alert-message').filter({ hasText: 'er kvittert' }).waitFor();
    await staff.locator(`tr[data-alert-id="${alertId}"]`).waitFor({ state: 'detached' });

    await staff.getByRole('link', { name: 'Kvitterte' }).click();
    const acknowledged = staff.locator(`tr[data-alert-id="${alertId}"]`);
    await acknowledged.waitFor();
    expect(await acknowledged.textContent()).toContain('Kvittert');
  });

  it('downloads the utilisation report as CSV', async () => {
    const intake = await newUser();
    await signIn(intake, 'Felles inntak');
    await intake.goto('/historikk');
    await intake.getByRole('heading', { name: 'Utnyttelsesrapport' }).waitFor();
    // The report and the history as the contract names their fields: bed-days per category, a point per day.
    const reportRows = intake.getByTestId('report-table').locator('tbody tr');
    await reportRows.first().waitFor();
    expect(await reportRows.first().locator('td').first().textContent()).toMatch(/\d/);
    const historyRows = intake.locator('section[aria-labelledby="history-heading"] tbody tr');
    await historyRows.first().waitFor({ state: 'attached' });
    expect(await historyRows.count()).toBeGreaterThanOrEqual(1);
    const downloading = intake.waitForEvent('download');
    await intake.getByRole('button', { name: 'Last ned CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    // possible, used, blocked and unused bed-days and the occupancy rate, after the group's name.
    expect(header.split(/[;,]/).length).toBeGreaterThanOrEqual(6);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    await intake.getByTestId('csv-message').filter({ hasText: 'Lastet ned' }).waitFor();
    await screenshot(intake, 'historikk');
  });

  it('shows the sign-in page to someone not signed in', async () => {
    const page = await newUser();
    await page.goto('/varsler');
    await page.waitForURL(/\/logg-inn\?til=%2Fvarsler/);
    await page.getByRole('button', { name: 'Logg inn' }).waitFor();
    await screenshot(page, 'logg-inn');
  });
});
