/**
 * Felles inntak in a real browser against the whole stack (issue 14): a district refers on «Henvisninger»,
 * the referral appears live on intake's «Inntak» and in another watcher's «Venter» count, and it leaves
 * both live when the district withdraws it. Every user is signed in through the sign-in page.
 */
import { signDevToken } from '@plass/auth';
import type { InstitutionDto, Referral, UnitDto } from '@plass/contracts';
import {
  ApiClient,
  expectStatus,
  institutionFactory,
  startTestStack,
  unitFactory,
  type TestStack,
} from '@plass/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureWebDist, hasDigits, launch, shownCount, signIn, waitForText } from './browser';

describe('felles inntak in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

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
    const institution = expectStatus(
      await admin.post<InstitutionDto>(
        '/api/institutions',
        institutionFactory().name('E2E Inntakshuset').district('030105').build(),
      ),
      201,
    );
    // A unit of the referral's category: the category's «Venter» is shown beside its places.
    expectStatus(
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

  it('shows a new referral live to intake and in another user’s waiting count, and its withdrawal too', async () => {
    // A watcher in another district: the city's «Venter» for the referral's first category.
    const watcher = await newUser();
    await signIn(watcher, 'Bydel', { district: 'Sagene' });
    const waitingAcute = watcher.getByTestId('category-waiting-acute');
    const before = shownCount(await waitForText(waitingAcute, hasDigits, 20_000));
    // Referrals are not theirs to follow in another district, and Inntak is intake's only.
    expect(await watcher.getByRole('link', { name: 'Inntak', exact: true }).count()).toBe(0);

    // Intake opens the waiting list before the referral exists: it can only arrive by a push.
    const intake = await newUser();
    await signIn(intake, 'Felles inntak');
    await intake.getByRole('link', { name: 'Inntak', exact: true }).click();
    await intake.getByRole('heading', { name: 'Venteliste' }).waitFor();

    const district = await newUser();
    await signIn(district, 'Bydel', { district: 'Gamle Oslo' });
    await district.getByRole('link', { name: 'Henvisninger', exact: true }).click();
    await district.getByLabel('1. valg tjenestekategori').selectOption({ label: 'Akutt' });
    await district.getByLabel('Hastegrad').selectOption({ label: 'Akutt' });
    const created = district.waitForResponse(
      (r) => r.url().endsWith('/api/intake/referrals') && r.request().method() === 'POST',
    );
    await district.getByRole('button', { name: 'Registrer henvisning' }).click();
    const response = await created;
    expect(response.status()).toBe(201);
    const referral = (await response.json()) as Referral;
    await district.getByTestId('action-success').filter({ hasText: 'Henvisningen er registrert' }).waitFor();

    // Live on the district's own list, on intake's waiting list and in the watcher's count.
    await waitForText(district.getByTestId(`referral-status-${referral.id}`), (t) => t === 'Venter');
    const row = intake.getByTestId(`waiting-${referral.id}`);
    await row.waitFor({ timeout: 5000 });
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
    await waitForText(district.getByTestId(`referral-status-${referral.id}`), (t) => t === 'Trukket');
    await row.waitFor({ state: 'detached', timeout: 5000 });
    await waitForText(waitingAcute, (t) => hasDigits(t) && shownCount(t) === before, 10_000);
  });
});
