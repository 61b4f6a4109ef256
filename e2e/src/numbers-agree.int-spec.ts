/**
 * Numbers that agree (issue 15, ADR 0171): with one acute unit over capacity and another with free places,
 * Oversikt, Ledige plasser and the category snapshot give the same free places — Σ max(0, available) per
 * unit, overcapacity apart — and every page shows an admission within a second of its 201. Then the
 * alerts: an open alert's «Målt» follows the situation live (ADR 0172), and Varselhistorikk lists the
 * resolved alert with who acknowledged it and when (ADR 0173).
 */
import { signDevToken } from '@plass/auth';
import {
  acknowledgeAlert,
  admitResident,
  contractClient,
  dischargeResident,
  getCapacitySnapshot,
  listAlerts,
  registerInstitution,
  registerUnit,
  type ContractClient,
  type InstitutionDto,
  type UnitDto,
} from '@plass/contracts';
import { eventually, institutionFactory, startTestStack, unitFactory, type TestStack } from '@plass/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  accessibilityViolations,
  ensureWebDist,
  launch,
  phoneScreenshot,
  PHONE_VIEWPORT,
  screenshot,
  shownCount,
  signIn,
  waitForText,
} from './browser';

/**
 * The target: every page shows a change within a second of the write's 201. Measured 113–162 ms on a quiet
 * machine and 930–973 ms with four other helpers' suites on the same two cores, so the assertion is a guard
 * of 2 s (as ADR 0170 does for the first load); the figures go to the log.
 */
const LIVE_TARGET_MS = 1000;
const LIVE_GUARD_MS = 2000;

describe('numbers that agree, live within a second, and alerts that tell the truth', () => {
  let stack: TestStack;
  let browser: Browser;
  let context: BrowserContext;
  let admin: ContractClient;
  let staff: ContractClient;
  let institution: InstitutionDto;
  /** One place, driven over capacity. */
  let full: UnitDto;
  /** Three places, all free at first. */
  let roomy: UnitDto;
  const fullStays: string[] = [];
  const measured: Record<string, number> = {};

  const as = (token: string) =>
    contractClient({ baseUrl: stack.gatewayUrl, headers: () => ({ authorization: `Bearer ${token}` }) });

  const admit = async (unit: UnitDto, allowOverCapacity = false) => {
    const result = await staff.call(admitResident, {
      params: { unitId: unit.id },
      body: { referringDistrictCode: '030103', ...(allowOverCapacity ? { allowOverCapacity } : {}) },
    });
    return result.stayId;
  };

  const acuteSnapshot = () => admin.call(getCapacitySnapshot, { query: { scope: 'category', id: 'acute' } });

  beforeAll(async () => {
    ensureWebDist();
    stack = await startTestStack();
    admin = as(await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }));
    institution = await admin.call(registerInstitution, {
      body: institutionFactory().name('E2E Tallhuset').district('030103').build(),
    });
    full = await admin.call(registerUnit, {
      params: { id: institution.id },
      body: unitFactory().name('Fullposten').category('acute').capacity(1).build(),
    });
    roomy = await admin.call(registerUnit, {
      params: { id: institution.id },
      body: unitFactory().name('Romsligposten').category('acute').capacity(3).build(),
    });
    staff = as(
      await signDevToken({
        sub: 'e2e-kvitterer',
        roles: ['institution-staff'],
        institutionIds: [institution.id],
        districtCode: null,
      }),
    );
    // Fullposten: 1 place, 2 residents (one over capacity). Romsligposten: 3 free.
    fullStays.push(await admit(full));
    fullStays.push(await admit(full, true));
    await eventually(
      async () => expect((await acuteSnapshot()).totals).toMatchObject({ capacity: 4, occupied: 2 }),
      { timeoutMs: 20_000, intervalMs: 100 },
    );
    browser = await launch();
    context = await browser.newContext({
      baseURL: stack.gatewayUrl,
      viewport: { width: 1280, height: 900 },
      locale: 'nb-NO',
    });
  }, 180_000);

  afterAll(async () => {
    console.log(`numbers-agree: ms from the 201 to the page showing it: ${JSON.stringify(measured)}`);
    await context?.close();
    await browser?.close();
    await stack?.dispose();
  });

  async function openPage(path: string): Promise<Page> {
    const page = await context.newPage();
    // The session is per tab (sessionStorage): each page signs in.
    await signIn(page, 'Felles inntak');
    await page.goto(path);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    return page;
  }

  /** Ledige plasser's free places for what it lists: the sum of its «Ledige» cells (0 for a unit over). */
  async function listedFree(page: Page): Promise<number> {
    const cells = await page.getByTestId('unit-available').allTextContents();
    return cells.reduce((sum, text) => sum + shownCount(text.split('(')[0].trim()), 0);
  }

  async function waitForListedFree(page: Page, expected: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const free = await listedFree(page).catch(() => -1);
      if (free === expected) return;
      if (Date.now() > deadline) throw new Error(`Ledige plasser listed ${free}, not ${expected}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  let overview: Page;
  let availability: Page;

  it('gives the same free places for acute on Oversikt, Ledige plasser and the category snapshot', async () => {
    const snapshot = await acuteSnapshot();
    // Summed the old way the category had 4 − 2 = 2: the over-full unit took a place from the other.
    expect(snapshot.totals).toMatchObject({ available: 3, overCapacity: 1 });

    overview = await openPage('/');
    const overviewFree = shownCount(
      await waitForText(overview.getByTestId('category-available-acute'), (t) => t.trim() === '3'),
    );
    const overviewOver = shownCount(await overview.getByTestId('category-over-capacity-acute').textContent());

    availability = await openPage('/ledige?kategori=acute&alle=ja');
    await availability.getByTestId('availability-table').waitFor();
    await waitForListedFree(availability, 3, 5000);

    expect({ overview: overviewFree, listed: await listedFree(availability) }).toEqual({
      overview: snapshot.totals.available,
      listed: snapshot.totals.available,
    });
    expect(overviewOver).toBe(snapshot.totals.overCapacity);
    await expect(
      availability
        .getByRole('row', { name: /Fullposten/ })
        .getByTestId('unit-available')
        .textContent(),
    ).resolves.toMatch(/^0 \(over kapasitet: 1\)$/);
    await screenshot(overview, 'oversikt-over-kapasitet');
    await phoneScreenshot(overview, 'oversikt-over-kapasitet');
    await screenshot(availability, 'ledige-plasser-over-kapasitet');
    await phoneScreenshot(availability, 'ledige-plasser-over-kapasitet');
  }, 60_000);

  it(`shows an admission on every page within a second of the 201 (target ${LIVE_TARGET_MS} ms, guard ${LIVE_GUARD_MS} ms)`, async () => {
    await admit(roomy);
    const answered = Date.now();
    const overviewShown = waitForText(
      overview.getByTestId('category-available-acute'),
      (t) => t.trim() === '2',
      LIVE_GUARD_MS * 2,
    ).then(() => Date.now() - answered);
    const listShown = waitForListedFree(availability, 2, LIVE_GUARD_MS * 2).then(() => Date.now() - answered);
    const [overviewMs, listMs] = await Promise.all([overviewShown, listShown]);
    measured.overview = overviewMs;
    measured.availability = listMs;
    expect((await acuteSnapshot()).totals).toMatchObject({ available: 2, overCapacity: 1 });
    expect(overviewMs).toBeLessThanOrEqual(LIVE_GUARD_MS);
    expect(listMs).toBeLessThanOrEqual(LIVE_GUARD_MS);
  }, 60_000);

  it('updates an open alert’s «Målt» live when its figures change', async () => {
    const alerts = await openPage('/varsler');
    const row = alerts
      .locator('tr[data-alert-code="OVER_CAPACITY"]')
      .filter({ hasText: 'E2E Tallhuset: Fullposten' });
    await waitForText(row, (t) => t.includes('opptatt 2'), 10_000);
    fullStays.push(await admit(full, true));
    const answered = Date.now();
    await waitForText(row, (t) => t.includes('opptatt 3'), 5000);
    measured.alertFigures = Date.now() - answered;
    await screenshot(alerts, 'varsler-gjeldende-tall');
    await alerts.close();
  }, 60_000);

  it('lists the resolved alert in Varselhistorikk with who acknowledged it and when', async () => {
    const [open] = await admin.call(listAlerts, {
      query: { code: 'OVER_CAPACITY', scope: `unit:${full.id}` },
    });
    await staff.call(acknowledgeAlert, { params: { id: open.id } });
    for (const stayId of fullStays.splice(1)) {
      await staff.call(dischargeResident, {
        params: { unitId: full.id },
        body: { stayId, reason: 'planned' },
      });
    }
    await eventually(
      async () =>
        expect(
          await admin.call(listAlerts, { query: { status: 'resolved', scope: `unit:${full.id}` } }),
        ).toContainEqual(expect.objectContaining({ id: open.id })),
      { timeoutMs: 10_000, intervalMs: 100 },
    );

    const history = await openPage('/varsler/historikk?type=OVER_CAPACITY');
    const row = history.locator(`tr[data-alert-id="${open.id}"]`);
    await row.waitFor();
    await expect(row.getByTestId('history-acknowledged').textContent()).resolves.toMatch(
      /^\d{2}\.\d{2}\.\d{4} kl\. \d{2}[.:]\d{2} av e2e-kvitterer$/,
    );
    // Another type: the alert is not listed.
    await history.getByLabel('Type', { exact: true }).selectOption('HOUSING_SHORTAGE');
    await row.waitFor({ state: 'detached' });
    await history.getByLabel('Type', { exact: true }).selectOption('OVER_CAPACITY');
    await row.waitFor();

    const desktop = await accessibilityViolations(history);
    await history.setViewportSize(PHONE_VIEWPORT);
    const phone = await accessibilityViolations(history);
    await history.setViewportSize({ width: 1280, height: 900 });
    expect([...desktop, ...phone]).toEqual([]);
    await screenshot(history, 'varselhistorikk');
    await phoneScreenshot(history, 'varselhistorikk');
  }, 60_000);

  it('keeps «Ledige» in view without sideways scrolling on a 390 px phone', async () => {
    for (const page of [overview, availability]) {
      await page.setViewportSize(PHONE_VIEWPORT);
      const header = page.getByRole('columnheader', { name: 'Ledige', exact: true }).first();
      const box = await header.boundingBox();
      expect(box).not.toBeNull();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    }
    // Oversikt's category table keeps its free places and overcapacity inside the phone's width.
    const over = overview.getByRole('columnheader', { name: 'Over kapasitet' }).first();
    const overBox = await over.boundingBox();
    expect((overBox?.x ?? 0) + (overBox?.width ?? 0)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
  }, 60_000);
});
