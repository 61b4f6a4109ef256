/**
 * The institution page's forms in a real browser (issue 15, ADR 0187): no referring district is chosen
 * for the staff, a planned discharge date goes with the admission, a stay is discharged by picking it
 * from a list of dates and districts (no ids), and focus never falls to <body> after an action. Also the
 * phone's header (ADR 0188): one line, the menu behind «Meny», at most a fifth of the first screen.
 */
import { signDevToken } from '@plass/auth';
import type { AdmissionResultDto, InstitutionDto, StayDto, UnitDto } from '@plass/contracts';
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
  launch,
  phoneScreenshot,
  PHONE_VIEWPORT,
  screenshot,
  signIn,
  waitForText,
} from './browser';

const osloDay = (date: Date): string => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Oslo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
};
const addDays = (day: string, days: number): string => {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
};
/** The wall clock in Oslo as a datetime-local field takes it (`2026-11-23T02:30`). */
const osloWallClock = (at: Date): string =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Oslo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(at)
    .replace(' ', 'T');
const minute = (at: Date) => new Date(Math.floor(at.getTime() / 60_000) * 60_000);
/** 2026-12-20 → «20.12.2026» */
const shown = (day: string): string => day.split('-').reverse().join('.');

describe('institution forms in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let admin: ApiClient;
  let institution: InstitutionDto;
  let unit: UnitDto;
  /** A stay admitted through the API before the page opens: Grorud, planned home in 20 days. */
  let earlier: { stayId: string; planned: string };
  const contexts: BrowserContext[] = [];

  async function staffPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ baseURL: stack.gatewayUrl, viewport, locale: 'nb-NO' });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, 'Institusjon', { institution: institution.name });
    await page.waitForURL(/\/institusjon$/);
    await page.getByTestId('institution-units').waitFor();
    return page;
  }

  /** What has focus: its data-testid, else its id, else its tag ('BODY' when focus was dropped). */
  const focused = (page: Page) =>
    page.evaluate<string>(
      "(() => { const e = document.activeElement; return e?.getAttribute('data-testid') || e?.id || e?.tagName || 'none'; })()",
    );

  async function openStays(): Promise<StayDto[]> {
    return expectStatus(await admin.get<StayDto[]>(`/api/units/${unit.id}/stays`), 200);
  }

  beforeAll(async () => {
    ensureWebDist();
    stack = await startTestStack();
    admin = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }),
    );
    institution = expectStatus(
      await admin.post<InstitutionDto>(
        '/api/institutions',
        institutionFactory().name('E2E Skjemahuset').district('030105').build(),
      ),
      201,
    );
    unit = expectStatus(
      await admin.post<UnitDto>(`/api/institutions/${institution.id}/units`, {
        ...unitFactory().name('Korttidsposten').category('acute').capacity(6).build(),
        // Opened a week ago: a time back-dated in the forms is after the opening.
        openedAt: new Date(Date.now() - 7 * 86_400_000).toISOString(),
      }),
      201,
    );
    const planned = addDays(osloDay(new Date()), 20);
    const admitted = expectStatus(
      await admin.post<AdmissionResultDto>(`/api/units/${unit.id}/admissions`, {
        referringDistrictCode: '030110',
        plannedDischargeDate: planned,
      }),
      201,
    );
    earlier = { stayId: admitted.stayId, planned };
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stack?.dispose();
  });

  it('refuses an admission without a referring district, or with a planned date in the past, in the form', async () => {
    const page = await staffPage();
    const posted: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/admissions')) posted.push(r.url());
    });
    const district = page.getByLabel('Henvisende bydel');
    // No district is chosen for the staff: the placeholder is what shows.
    expect(await district.inputValue()).toBe('');
    expect((await district.locator('option:checked').textContent())?.trim()).toBe('Velg bydel');

    await page.getByRole('button', { name: 'Skriv inn', exact: true }).click();
    await page.getByText('Velg bydelen som henviste beboeren.').waitFor();
    // The <select> itself (Punkt names it `<id>-input`), with the message tied to it.
    expect(await focused(page)).toBe(`admit-district-${unit.id}-input`);
    expect(await district.getAttribute('aria-invalid')).toBe('true');

    await district.selectOption({ label: 'Sagene' });
    const yesterday = addDays(osloDay(new Date()), -1);
    await page.getByLabel('Planlagt utskrivingsdato').fill(yesterday);
    await page.getByRole('button', { name: 'Skriv inn', exact: true }).click();
    await page.getByText(/Planlagt utskrivingsdato kan ikke være før i dag/).waitFor();
    expect(await focused(page)).toBe(`admit-planned-${unit.id}`);

    // Nothing reached the API, and the unit is as it was.
    expect(posted).toEqual([]);
    expect(await openStays()).toHaveLength(1);
  });

  it('admits with a referring district and a planned discharge date, and moves focus to the outcome', async () => {
    const page = await staffPage();
    const planned = addDays(osloDay(new Date()), 10);
    await page.getByLabel('Henvisende bydel').selectOption({ label: 'Sagene' });
    await page.getByLabel('Planlagt utskrivingsdato').fill(planned);
    const admit = page.getByRole('button', { name: 'Skriv inn', exact: true });
    await admit.focus();
    await page.keyboard.press('Enter');
    const success = page.getByTestId('action-success');
    const text = await waitForText(success, (t) => t.includes('Innskrevet'));
    expect(text).toContain(`Innskrevet fra Sagene, planlagt utskriving ${shown(planned)}`);
    expect(text).not.toMatch(/[0-9a-f]{8}/);
    await waitForText(page.getByTestId(`unit-available-${unit.id}`), (t) => t.trim() === '4');
    expect(await focused(page)).toBe('feedback');

    const stays = await openStays();
    expect(stays).toHaveLength(2);
    expect(stays.find((s) => s.stayId !== earlier.stayId)).toMatchObject({
      referringDistrictCode: '030103',
      plannedDischargeDate: planned,
    });
    // The date was this resident's: the form is ready for the next one.
    expect(await page.getByLabel('Planlagt utskrivingsdato').inputValue()).toBe('');
  });

  it('discharges a stay picked from a list of its dates and district, with no ids shown', async () => {
    const page = await staffPage();
    const list = page.getByTestId(`stays-${unit.id}`);
    const radios = list.getByRole('radio');
    await radios.nth(1).waitFor();
    expect(await radios.count()).toBe(2);
    const text = (await list.textContent()) ?? '';
    const today = shown(osloDay(new Date()));
    expect(text).toContain(`Innskrevet ${today} · Grorud`);
    expect(text).toContain(`Planlagt utskriving ${shown(earlier.planned)}`);
    expect(text).toContain(`Innskrevet ${today} · Sagene`);
    expect(text).toContain('innskrevet i dag');
    for (const stay of await openStays()) expect(text).not.toContain(stay.stayId.slice(0, 8));
    // Nothing is picked for the staff.
    for (const radio of await radios.all()) expect(await radio.isChecked()).toBe(false);

    const discharge = page.getByRole('button', { name: 'Skriv ut', exact: true });
    await discharge.click();
    await page.getByText('Velg oppholdet som skal avsluttes.').waitFor();
    expect(await focused(page)).toMatch(new RegExp(`^discharge-stay-.*-${unit.id}$`));

    await page.getByRole('radio', { name: /Grorud/ }).check();
    await page.getByLabel('Årsak', { exact: true }).first().selectOption({ label: 'Planlagt utskrivning' });
    await discharge.click();
    const success = await waitForText(page.getByTestId('action-success'), (t) => t.includes('avsluttet'));
    expect(success).toContain(
      `Oppholdet fra Grorud, innskrevet ${today}, er avsluttet (planlagt utskrivning)`,
    );
    expect(await focused(page)).toBe('feedback');
    const left = await openStays();
    expect(left.map((s) => s.stayId)).not.toContain(earlier.stayId);
    expect(left).toHaveLength(1);
    // The list follows: only the Sagene stay is left to pick.
    await list.getByRole('radio', { name: /Grorud/ }).waitFor({ state: 'detached' });
    expect(await radios.count()).toBe(1);
  });

  it('keeps focus on the outcome after blocking a place and after «Opphev»', async () => {
    const page = await staffPage();
    await page.getByLabel('Antall plasser').fill('1');
    await page.getByRole('button', { name: 'Sperr', exact: true }).click();
    await waitForText(page.getByTestId('action-success'), (t) => t.includes('sperret'));
    expect(await focused(page)).toBe('feedback');

    const lift = page.getByRole('button', { name: 'Opphev sperring av 1 plass' });
    await lift.focus();
    await page.keyboard.press('Enter');
    await waitForText(page.getByTestId('action-success'), (t) => t.includes('Sperringen er opphevet'));
    await lift.waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('feedback');
    // The next Tab goes on from there, not from the top of the page.
    await page.keyboard.press('Tab');
    expect(await focused(page)).not.toBe('BODY');
    expect(await page.evaluate<boolean>('document.activeElement.closest(".unit-actions") !== null')).toBe(
      true,
    );

    await screenshot(page, 'institusjon');
    await phoneScreenshot(page, 'institusjon');
  });

  it('dates an admission back with «Tidspunkt» and puts it right with «Rett tidspunkt» (ADR 0212–0214)', async () => {
    const page = await staffPage();
    const admittedAt = minute(new Date(Date.now() - 3 * 3_600_000));
    await page.getByLabel('Henvisende bydel').selectOption({ label: 'Frogner' });
    // The admission card comes first: its «Tidspunkt» is the first field so named.
    await page.getByLabel('Tidspunkt').first().fill(osloWallClock(admittedAt));
    await page.getByRole('button', { name: 'Skriv inn', exact: true }).click();
    const admitted = await waitForText(page.getByTestId('action-success'), (t) => t.includes('Innskrevet'));
    expect(admitted).toContain('Innskrevet fra Frogner (tidspunkt ');
    const stay = (await openStays()).find((s) => s.referringDistrictCode === '030105');
    expect(stay?.admittedAt).toBe(admittedAt.toISOString());

    const rightTime = minute(new Date(Date.now() - 4 * 3_600_000));
    await page.getByRole('button', { name: 'Rett tidspunkt', exact: true }).click();
    await page.getByText('Velg oppholdet som har feil tidspunkt.').waitFor();
    // Punkt puts the id on the wrapper and `<id>-input` on the <select>.
    await page.locator(`#correct-stay-${unit.id}-input`).selectOption(stay?.stayId ?? '');
    await page.getByLabel('Riktig innskrivingstidspunkt').fill(osloWallClock(rightTime));
    await page.getByLabel('Årsak til rettingen').selectOption({ label: 'Feil tastet' });
    await page.getByRole('button', { name: 'Rett tidspunkt', exact: true }).click();
    const corrected = await waitForText(page.getByTestId('action-success'), (t) => t.includes('rettet'));
    expect(corrected).toContain('Innskrivingstidspunktet for oppholdet fra Frogner er rettet til ');
    expect(await focused(page)).toBe('feedback');
    const after = (await openStays()).find((s) => s.stayId === stay?.stayId);
    expect(after?.admittedAt).toBe(rightTime.toISOString());
  });

  it('shows a phone a one-line header with the menu behind «Meny», and the unit’s free places', async () => {
    const page = await staffPage(PHONE_VIEWPORT);
    const headerHeight = await page.evaluate<number>(
      'document.querySelector(".site-header").getBoundingClientRect().height',
    );
    console.log(`the phone's header is ${Math.round(headerHeight)} px of ${PHONE_VIEWPORT.height}`);
    expect(headerHeight).toBeLessThanOrEqual(PHONE_VIEWPORT.height * 0.2);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE_VIEWPORT.width,
    );
    // The unit's free places as the first line of its card, on the screen without scrolling sideways.
    const free = await page.getByTestId(`unit-available-${unit.id}`).boundingBox();
    expect(free).not.toBeNull();
    expect(free!.x).toBeGreaterThanOrEqual(0);
    expect(free!.x + free!.width).toBeLessThanOrEqual(PHONE_VIEWPORT.width);

    const menu = page.getByRole('navigation', { name: 'Hovedmeny' });
    expect(await menu.isVisible()).toBe(false);
    const toggle = page.getByRole('button', { name: 'Meny' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await page.getByTestId('menu-toggle').getAttribute('aria-expanded')).toBe('true');
    await menu.getByRole('link', { name: 'Oversikt' }).waitFor();
    await page.getByRole('button', { name: 'Logg ut' }).waitFor();
    await phoneScreenshot(page, 'meny');
    // Escape closes it and gives focus back to its button.
    await menu.getByRole('link', { name: 'Oversikt' }).focus();
    await page.keyboard.press('Escape');
    expect(await menu.isVisible()).toBe(false);
    expect(await focused(page)).toBe('menu-toggle');

    // A page chosen in the menu opens with the menu closed.
    await toggle.click();
    await menu.getByRole('link', { name: 'Oversikt' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('city-available').waitFor();
    expect(await menu.isVisible()).toBe(false);
    const overviewHeader = await page.evaluate<number>(
      'document.querySelector(".site-header").getBoundingClientRect().height',
    );
    expect(overviewHeader).toBeLessThanOrEqual(PHONE_VIEWPORT.height * 0.2);
    await page.waitForLoadState('networkidle');
    await phoneScreenshot(page, 'oversikt');
  });
});
