/**
 * «Mine innbyggere», «Prognose», «Styringsdata» and history for any scope in a real browser (issue 15):
 * a district sees its own resident on «Mine innbyggere» after an admission it referred into an institution
 * that lies in ANOTHER district; intake reads the forecast and the steering indicators with numbers and
 * downloads the indicators as CSV; the history of an institution and of a unit registered today shows
 * «–» (a gap, not 0) for the days before its data begins. Screenshots desktop and 390 px of each page.
 */
import { readFileSync } from 'node:fs';
import { signDevToken } from '@plass/auth';
import type { InstitutionDto, UnitDto } from '@plass/contracts';
import {
  ApiClient,
  expectStatus,
  institutionFactory,
  startTestStack,
  unitFactory,
  type TestStack,
} from '@plass/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ensureWebDist,
  hasDigits,
  launch,
  phoneScreenshot,
  screenshot,
  shownCount,
  signIn,
  waitForText,
  violationsOnDesktopAndPhone,
} from './browser';

describe('district pages, forecast, indicators and history in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let institution: InstitutionDto;
  let unit: UnitDto;

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

  /** No WCAG 2.1 A/AA violation on desktop and on a phone; then both screenshots. */
  async function checkAndShoot(page: Page, name: string) {
    await page.waitForLoadState('networkidle');
    expect(await violationsOnDesktopAndPhone(page)).toEqual([]);
    await screenshot(page, name);
    await phoneScreenshot(page, name);
  }

  beforeAll(async () => {
    ensureWebDist();
    stack = await startTestStack();
    const admin = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }),
    );
    // The institution lies in Frogner (030105); the resident is referred by Sagene (030103).
    institution = expectStatus(
      await admin.post<InstitutionDto>(
        '/api/institutions',
        institutionFactory().name('E2E Frognerhuset').district('030105').build(),
      ),
      201,
    );
    unit = expectStatus(
      await admin.post<UnitDto>(
        `/api/institutions/${institution.id}/units`,
        unitFactory().name('Frognerposten').category('acute').capacity(4).build(),
      ),
      201,
    );
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stack?.dispose();
  });

  it("shows a district its resident admitted into another district's institution, live", async () => {
    const district = await newUser();
    await signIn(district, 'Bydel', { district: 'Sagene' });
    await district.getByRole('link', { name: 'Mine innbyggere', exact: true }).click();
    await district.getByRole('heading', { level: 1, name: 'Mine innbyggere – Sagene' }).waitFor();
    const now = district.getByTestId('residents-now');
    const before = shownCount(await waitForText(now, hasDigits, 10_000));

    const staff = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({
        roles: ['institution-staff'],
        institutionIds: [institution.id],
        districtCode: null,
      }),
    );
    expectStatus(
      await staff.post(`/api/units/${unit.id}/admissions`, {
        referringDistrictCode: '030103',
        plannedDischargeDate: `${new Date().getFullYear() + 1}-01-02`,
      }),
      201,
    );

    // The page follows without a reload: the resident counts for Sagene though the place is in Frogner.
    await waitForText(now, (t) => hasDigits(t) && shownCount(t) === before + 1, 10_000);
    const row = district.getByTestId('residents-acute');
    await row.waitFor();
    expect(await row.getByRole('rowheader').textContent()).toBe('Akutt');
    const stays = district.getByTestId('residents-stays');
    const stay = stays.getByRole('row').filter({ hasText: 'Frognerposten' });
    await stay.waitFor();
    const cells = (await stay.getByRole('cell').allTextContents()).map((t) => t.trim());
    // Institution, where it lies, category, admitted today, planned discharge, days so far.
    expect(cells.slice(0, 3)).toEqual(['E2E Frognerhuset', 'Frogner', 'Akutt']);
    expect(cells[3]).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(cells.slice(4)).toEqual([`02.01.${new Date().getFullYear() + 1}`, '0']);
    await checkAndShoot(district, 'mine-innbyggere');

    // Frogner's staff see the place on «Bydel» (where the institution lies), not as their resident.
    const frogner = await newUser();
    await signIn(frogner, 'Bydel', { district: 'Frogner' });
    await frogner.goto('/bydel');
    await frogner.getByRole('heading', { name: 'Plasser i bydelen' }).waitFor();
    await frogner.getByRole('link', { name: 'Mine innbyggere' }).last().click();
    await frogner.getByRole('heading', { level: 1, name: 'Mine innbyggere – Frogner' }).waitFor();
    expect(shownCount(await waitForText(frogner.getByTestId('residents-now'), hasDigits, 10_000))).toBe(0);
    await frogner.getByText('Ingen åpne opphold.').waitFor();

    // Sagene's one stay begun is a small count: Frogner's staff see «<5» with the note (ADR 0223).
    await frogner.goto('/styringsdata');
    await frogner.getByRole('heading', { level: 1, name: 'Styringsdata' }).waitFor();
    await frogner.getByTestId('suppression-note').waitFor();
    // A period reaching past today, so that an admission after midnight in Oslo (but not in UTC) is in it.
    await frogner
      .getByLabel('Til og med')
      .fill(new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10));
    await frogner.getByRole('button', { name: 'Vis styringsdata' }).click();
    const sagene = frogner.getByTestId('indicators-referrals').getByRole('row', { name: /^Sagene/ });
    await sagene.getByText('<5', { exact: true }).first().waitFor();
    await checkAndShoot(frogner, 'styringsdata-bydel');
  }, 120_000);

  it('shows intake the forecast and the steering indicators with numbers, and downloads the CSV', async () => {
    const intake = await newUser();
    await signIn(intake, 'Felles inntak');
    // From «Bydel» (places in institutions located there) to the same district's own residents.
    await intake.getByRole('link', { name: 'Bydel', exact: true }).click();
    await intake.getByLabel('Bydel', { exact: true }).selectOption({ label: 'Sagene' });
    await intake.getByRole('main').getByRole('link', { name: 'Mine innbyggere' }).click();
    await intake.getByRole('heading', { level: 1, name: 'Mine innbyggere – Sagene' }).waitFor();
    expect(shownCount(await waitForText(intake.getByTestId('residents-now'), hasDigits, 10_000))).toBe(1);
    await intake.getByRole('link', { name: 'Prognose', exact: true }).click();
    await intake.getByRole('heading', { level: 1, name: 'Prognose' }).waitFor();
    await intake.getByText('Slik regnes prognosen').waitFor();
    expect(
      shownCount(await waitForText(intake.getByTestId('forecast-free-now'), hasDigits, 10_000)),
    ).toBeGreaterThanOrEqual(0);
    const total = intake.getByTestId('forecast-total');
    // 14 days ahead by default, one row each.
    expect(await total.locator('tbody tr').count()).toBe(14);
    await intake.getByLabel('Tjenestekategori').selectOption({ label: 'Akutt' });
    await intake.getByTestId('forecast-acute').waitFor();
    await checkAndShoot(intake, 'prognose');

    await intake.getByRole('link', { name: 'Styringsdata', exact: true }).click();
    await intake.getByRole('heading', { level: 1, name: 'Styringsdata' }).waitFor();
    const admissions = intake.getByTestId('indicators-admissions');
    expect(shownCount(await waitForText(admissions, hasDigits, 10_000))).toBeGreaterThanOrEqual(1);
    await intake.getByTestId('indicators-referrals').getByRole('rowheader', { name: 'Sagene' }).waitFor();
    const [download] = await Promise.all([
      intake.waitForEvent('download'),
      intake.getByRole('button', { name: 'Last ned CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^styringsdata-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('indikator;dato;tjenestekategori;bydel;verdi');
    expect(lines).toContain('opphold startet;;Akutt;Sagene;1');
    await intake.getByTestId('csv-message').filter({ hasText: 'Lastet ned styringsdata-' }).waitFor();
    await checkAndShoot(intake, 'styringsdata');
  }, 120_000);

  it('shows the history of an institution and of a unit with a gap before their data begins', async () => {
    const admin = await newUser();
    await signIn(admin, 'Administrator');
    await admin.goto('/historikk');
    await admin.getByRole('heading', { level: 1, name: 'Historikk og rapporter' }).waitFor();
    await admin.getByLabel('Periode', { exact: true }).selectOption({ label: 'Siste 7 dager' });
    await admin.getByLabel('Vis', { exact: true }).selectOption({ label: 'Ledige plasser' });

    for (const [kind, label, choice] of [
      ['Én institusjon', 'Institusjon', 'E2E Frognerhuset'],
      ['Én enhet', 'Enhet', 'Frognerposten (E2E Frognerhuset)'],
    ] as const) {
      await admin.getByLabel('Utvalg', { exact: true }).selectOption({ label: kind });
      const picker = admin.getByLabel(label, { exact: true });
      await picker.locator('option', { hasText: choice }).waitFor({ state: 'attached' });
      await picker.selectOption({ label: choice });
      await admin.getByTestId('history-gap-note').waitFor();
      await admin.getByText('Vis tallene som tabell').click();
      const cells = admin.getByTestId('history-cell');
      await cells.first().waitFor();
      const values = (await cells.allTextContents()).map((t) => t.trim());
      // Registered today: every earlier day is «–» (no data), not 0; today has the unit's 4 places − 1.
      expect(values.length).toBeGreaterThanOrEqual(7);
      expect(values.slice(0, -1).every((v) => v === '–')).toBe(true);
      expect(values[values.length - 1]).toBe('3');
      await admin.getByText('Vis tallene som tabell').click();
    }
    // Overcapacity per step, apart from the free places (ADR 0192): the unit is within its places today.
    await admin.getByLabel('Vis', { exact: true }).selectOption({ label: 'Over kapasitet' });
    await admin.getByText('Vis tallene som tabell').click();
    await admin.locator('caption', { hasText: 'Over kapasitet' }).waitFor();
    const over = (await admin.getByTestId('history-cell').allTextContents()).map((t) => t.trim());
    expect(over.slice(0, -1).every((v) => v === '–')).toBe(true);
    expect(over[over.length - 1]).toBe('0');
    await admin.getByText('Vis tallene som tabell').click();
    await admin.getByLabel('Vis', { exact: true }).selectOption({ label: 'Ledige plasser' });
    await checkAndShoot(admin, 'historikk');
  }, 120_000);
});
