/**
 * Felles inntak in a real browser against the whole stack (issue 14): a district refers on «Henvisninger»,
 * the referral appears live on intake's «Inntak» and in another watcher's «Venter» count; intake offers a
 * matching place, the district accepts, the institution admits from the reservation and the referral ends
 * placed, while the watcher's waiting count and free places follow live. A withdrawal leaves every list
 * live too. Every user is signed in through the sign-in page.
 */
import { signDevToken } from '@plass/auth';
import { getDemandReport, type InstitutionDto, type Referral, type UnitDto } from '@plass/contracts';
import {
  ApiClient,
  contractApi,
  eventually,
  expectStatus,
  institutionFactory,
  startTestStack,
  unitFactory,
  type TestStack,
} from '@plass/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureWebDist, hasDigits, launch, screenshot, shownCount, signIn, waitForText } from './browser';

describe('felles inntak in a browser', () => {
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
    });
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    ensureWebDist();
    stack = await startTestStack();
    const admin = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }),
    );
    institution = expectStatus(
      await admin.post<InstitutionDto>(
        '/api/institutions',
        institutionFactory().name('E2E Inntakshuset').district('030105').build(),
      ),
      201,
    );
    // A unit of the referrals' category: the category's «Venter» is shown beside its places.
    unit = expectStatus(
      await admin.post<UnitDto>(
        `/api/institutions/${institution.id}/units`,
        unitFactory().name('Akuttposten').category('acute').capacity(3).build(),
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

  /** A user on the overview and the city's numbers for acute places that it shows. */
  async function watcherOn(district: string) {
    const page = await newUser();
    await signIn(page, 'Bydel', { district });
    const waiting = page.getByTestId('category-waiting-acute');
    const free = page.getByTestId('category-available-acute');
    return {
      page,
      waiting,
      free,
      waitingNow: async () => shownCount(await waitForText(waiting, hasDigits, 20_000)),
      freeNow: async () => shownCount(await waitForText(free, hasDigits, 20_000)),
    };
  }

  /** Registers an acute referral on «Henvisninger» as a user of `district`; its REST answer. */
  async function refer(page: Page): Promise<Referral> {
    await page.getByRole('link', { name: 'Henvisninger', exact: true }).click();
    await page.getByLabel('1. valg tjenestekategori').selectOption({ label: 'Akutt' });
    await page.getByLabel('Hastegrad').selectOption({ label: 'Akutt' });
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/intake/referrals') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Registrer henvisning' }).click();
    const response = await created;
    expect(response.status()).toBe(201);
    await page.getByTestId('action-success').filter({ hasText: 'Henvisningen er registrert' }).waitFor();
    return (await response.json()) as Referral;
  }

  it('takes a referral from the district through an offer to an admission, live for every user', async () => {
    const watcher = await watcherOn('Sagene');
    const waitingBefore = await watcher.waitingNow();
    const freeBefore = await watcher.freeNow();

    const intake = await newUser();
    await signIn(intake, 'Felles inntak');
    await intake.getByRole('link', { name: 'Inntak', exact: true }).click();
    await intake.getByRole('heading', { name: 'Venteliste' }).waitFor();

    const district = await newUser();
    await signIn(district, 'Bydel', { district: 'Grorud' });
    const referral = await refer(district);

    // Intake sees it arrive, picks it, and offers the place in the matching unit.
    const row = intake.getByTestId(`waiting-${referral.id}`);
    await row.waitFor({ timeout: 10_000 });
    await waitForText(watcher.waiting, (t) => hasDigits(t) && shownCount(t) === waitingBefore + 1, 10_000);
    await row.getByRole('button', { name: /^Velg henvisning/ }).click();
    const match = intake.getByTestId(`match-${unit.id}`);
    await match.waitFor({ timeout: 10_000 });
    await screenshot(intake, 'inntak');
    await match.getByRole('button', { name: 'Tilby plass' }).click();
    await intake.getByTestId('action-success').filter({ hasText: 'har fått tilbud om plass' }).waitFor();
    await intake.getByTestId(`offered-${referral.id}`).waitFor();
    await row.waitFor({ state: 'detached', timeout: 10_000 });

    // The district sees the offer live and accepts it; the place is held (one free place fewer).
    const outcome = district.getByTestId(`referral-offer-${referral.id}-outcome`);
    await waitForText(outcome, (t) => t === 'Venter på svar', 10_000);
    await waitForText(
      district.getByTestId(`referral-status-${referral.id}`),
      (t) => t === 'Tilbudt plass',
      10_000,
    );
    await waitForText(watcher.free, (t) => hasDigits(t) && shownCount(t) === freeBefore - 1, 15_000);
    await screenshot(district, 'henvisninger');
    await district
      .getByTestId(`referral-${referral.id}`)
      .getByRole('button', { name: 'Takk ja', exact: true })
      .click();
    await waitForText(outcome, (t) => t === 'Takket ja, venter på innskrivning', 10_000);
    await waitForText(
      intake.getByTestId(`offer-${referral.id}-outcome`),
      (t) => t.startsWith('Takket ja'),
      10_000,
    );

    // The institution admits from the reservation; the referral ends placed, the waiting count drops.
    const staff = await newUser();
    await signIn(staff, 'Institusjon', { institution: institution.name });
    const reservations = staff.getByTestId(`reservations-${unit.id}`);
    await reservations.waitFor({ timeout: 10_000 });
    expect(await reservations.textContent()).toContain('Grorud');
    await reservations.getByRole('button', { name: /^Skriv inn fra reservasjonen/ }).click();
    await staff.getByTestId('action-success').filter({ hasText: 'Innskrevet fra reservasjonen' }).waitFor();
    await waitForText(
      district.getByTestId(`referral-status-${referral.id}`),
      (t) => t === 'Innskrevet',
      10_000,
    );
    expect(await outcome.textContent()).toBe('Innskrevet');
    await intake.getByTestId(`offered-${referral.id}`).waitFor({ state: 'detached', timeout: 10_000 });
    await waitForText(watcher.waiting, (t) => hasDigits(t) && shownCount(t) === waitingBefore, 10_000);
    // Reserved became occupied: still one free place fewer than before the offer.
    expect(await watcher.freeNow()).toBe(freeBefore - 1);

    // The placement and its waiting time are in the demand report (the capacity service's, from the events).
    const reports = contractApi(
      stack.gatewayUrl,
      await signDevToken({ roles: ['intake'], institutionIds: [], districtCode: null }),
    );
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await eventually(
      async () => {
        const report = await reports.call(getDemandReport, {
          query: { from: today, to: tomorrow, groupBy: 'category' },
        });
        const acute = report.groups.find((g) => g.key === 'acute');
        expect(acute?.placed).toBeGreaterThanOrEqual(1);
        expect(acute?.waitingHoursP50).not.toBeNull();
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
  });

  it('shows a new referral live to intake and in another user’s waiting count, and its withdrawal too', async () => {
    // A watcher in another district: the city's «Venter» for the referral's first category.
    const watcher = await watcherOn('Sagene');
    const waitingAcute = watcher.waiting;
    const before = await watcher.waitingNow();
    // Inntak is intake's only.
    expect(await watcher.page.getByRole('link', { name: 'Inntak', exact: true }).count()).toBe(0);

    // Intake opens the waiting list before the referral exists: it can only arrive by a push.
    const intake = await newUser();
    await signIn(intake, 'Felles inntak');
    await intake.getByRole('link', { name: 'Inntak', exact: true }).click();
    await intake.getByRole('heading', { name: 'Venteliste' }).waitFor();

    const district = await newUser();
    await signIn(district, 'Bydel', { district: 'Gamle Oslo' });
    const referral = await refer(district);

    // Live on the district's own list, on intake's waiting list and in the watcher's count.
    await waitForText(district.getByTestId(`referral-status-${referral.id}`), (t) => t === 'Venter', 10_000);
    const row = intake.getByTestId(`waiting-${referral.id}`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('Gamle Oslo');
    await waitForText(waitingAcute, (t) => hasDigits(t) && shownCount(t) === before + 1, 10_000);

    // The district withdraws it: gone from intake's list and from the count, «Trukket» on its own list.
    await district
      .getByTestId(`referral-${referral.id}`)
      .getByLabel('Årsak til å trekke')
      .selectOption({ label: 'Har fått plass et annet sted' });
    await district
      .getByTestId(`referral-${referral.id}`)
      .getByRole('button', { name: 'Trekk henvisning' })
      .click();
    await waitForText(district.getByTestId(`referral-status-${referral.id}`), (t) => t === 'Trukket', 10_000);
    await row.waitFor({ state: 'detached', timeout: 10_000 });
    await waitForText(waitingAcute, (t) => hasDigits(t) && shownCount(t) === before, 10_000);
  });

  it('lets intake reserve a free place from Ledige plasser for a fitting referral, and the district decline it', async () => {
    const district = await newUser();
    await signIn(district, 'Bydel', { district: 'Stovner' });
    const referral = await refer(district);

    const intake = await newUser();
    await signIn(intake, 'Felles inntak');
    await intake.getByRole('link', { name: 'Ledige plasser', exact: true }).click();
    await intake.getByTestId(`reserve-unit-${unit.id}`).click();
    const candidate = intake.getByTestId(`reserve-${referral.id}`);
    await candidate.waitFor({ timeout: 10_000 });
    expect(await candidate.textContent()).toContain('Stovner');
    await candidate.getByRole('button', { name: 'Tilby plass' }).click();
    await intake.getByTestId('action-success').filter({ hasText: 'har fått tilbud om plass' }).waitFor();
    // Offered: no longer a waiting referral to reserve for.
    await candidate.waitFor({ state: 'detached', timeout: 10_000 });

    const row = district.getByTestId(`referral-${referral.id}`);
    const outcome = district.getByTestId(`referral-offer-${referral.id}-outcome`);
    await waitForText(outcome, (t) => t === 'Venter på svar', 10_000);
    await row.getByLabel('Årsak til nei').selectOption({ label: 'Plassen passer ikke' });
    await row.getByRole('button', { name: 'Takk nei', exact: true }).click();
    await waitForText(outcome, (t) => t === 'Takket nei', 10_000);
    // Back on the waiting list, with its place in the queue.
    await waitForText(district.getByTestId(`referral-status-${referral.id}`), (t) => t === 'Venter', 10_000);
    await waitForText(district.getByTestId(`referral-position-${referral.id}`), hasDigits, 10_000);
    await candidate.waitFor({ timeout: 10_000 });
  });
});
