/**
 * «Boliger» in a real browser against the whole stack (issue 15): district staff register a dwelling,
 * reserve it until a date (and are refused without one), take it out of use with a reason, edit the
 * district's housing need, and the district page's read-only housing table follows. axe-core finds no
 * WCAG 2.1 A/AA violation on the page, on a desktop and on a phone.
 */
import type { HousingNeedDto, HousingUnitDto } from '@plass/contracts';
import { eventually, startTestStack, type TestStack } from '@plass/testing';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  ensureWebDist,
  launch,
  phoneScreenshot,
  PHONE_VIEWPORT,
  screenshot,
  signIn,
  waitForText,
  violationsOnDesktopAndPhone,
} from './browser';

describe('Boliger in a browser', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebDist();
    stack = await startTestStack();
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.dispose();
  });

  const outcome = (page: Page, form: string, kind: 'success' | 'error'): Locator =>
    page.locator(`[data-form="${form}"]`).getByTestId(`action-${kind}`);

  /** The district page's housing table cell of `type` (row label) and column `column`. */
  async function districtCell(page: Page, type: string, column: number): Promise<string> {
    const row = page.getByTestId('housing-table').locator('tbody tr').filter({ hasText: type });
    return (await row.locator('td').nth(column).textContent())?.trim() ?? '';
  }

  it('registers a dwelling, changes its status, edits the need; the district page follows', async () => {
    const context = await browser.newContext({
      baseURL: stack.gatewayUrl,
      viewport: { width: 1280, height: 900 },
      locale: 'nb-NO',
    });
    try {
      const page = await context.newPage();
      await signIn(page, 'Bydel', { district: 'Sagene' });
      const menu = page.getByRole('navigation', { name: 'Hovedmeny' });

      // From the district page's read-only table to «Boliger».
      await menu.getByRole('link', { name: 'Bydel', exact: true }).click();
      await page.getByTestId('housing-table').waitFor();
      await page.getByRole('link', { name: /under «Boliger»/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Boliger i Sagene' }).waitFor();

      // Register: the type must be chosen; a label that looks like an address is refused before sending.
      await page.getByRole('button', { name: 'Registrer bolig' }).click();
      await outcome(page, 'new-dwelling', 'error').filter({ hasText: 'Velg boligtype' }).waitFor();
      await page.getByLabel('Boligtype', { exact: true }).selectOption({ label: 'Småhus' });
      await page.getByLabel('Referanse (valgfritt)', { exact: true }).fill('Storgata 5');
      await page.getByRole('button', { name: 'Registrer bolig' }).click();
      await outcome(page, 'new-dwelling', 'error').filter({ hasText: 'Aldri adresse eller navn' }).waitFor();
      await page.getByLabel('Referanse (valgfritt)', { exact: true }).fill('B-0412');
      const registered = page.waitForResponse(
        (r) => r.url().endsWith('/api/housing/units') && r.request().method() === 'POST',
      );
      await page.getByRole('button', { name: 'Registrer bolig' }).click();
      const dwelling = (await (await registered).json()) as HousingUnitDto;
      await outcome(page, 'new-dwelling', 'success')
        .filter({ hasText: 'Boligen B-0412 (småhus) er registrert som ledig i Sagene' })
        .waitFor();
      await waitForText(page.getByTestId(`dwelling-status-${dwelling.id}`), (t) => t === 'Ledig');

      // Reserve: an expiry is required, then given.
      await page.getByRole('button', { name: 'Endre status for bolig B-0412' }).click();
      const form = page.getByTestId(`status-form-${dwelling.id}`);
      await form.getByLabel('Ny status', { exact: true }).selectOption({ label: 'Reservert' });
      await form.getByRole('button', { name: 'Lagre status' }).click();
      await outcome(page, 'dwelling-status', 'error')
        .filter({ hasText: 'Velg når reservasjonen utløper' })
        .waitFor();
      const inFiveDays = new Date(Date.now() + 5 * 86_400_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      await form
        .getByLabel('Reservert til', { exact: true })
        .fill(
          `${inFiveDays.getFullYear()}-${pad(inFiveDays.getMonth() + 1)}-${pad(inFiveDays.getDate())}T12:00`,
        );
      await form.getByRole('button', { name: 'Lagre status' }).click();
      const expected = `${pad(inFiveDays.getDate())}.${pad(inFiveDays.getMonth() + 1)}.${inFiveDays.getFullYear()}`;
      await page
        .locator('[data-form="dwelling-status"]')
        .getByTestId('action-success')
        .filter({ hasText: `Boligen B-0412 (småhus) er nå reservert til ${expected}` })
        .waitFor();
      await waitForText(page.getByTestId(`dwelling-status-${dwelling.id}`), (t) => t === 'Reservert');
      await page.getByTestId(`dwelling-${dwelling.id}`).getByText(`Reservert til ${expected}`).waitFor();

      // Out of use, with a reason; only the transitions the contract allows are offered.
      const options = await page
        .getByTestId(`status-form-${dwelling.id}`)
        .getByLabel('Ny status', { exact: true })
        .locator('option')
        .allTextContents();
      expect(options).toEqual(['Velg status', 'Ledig', 'Bebodd', 'Utilgjengelig']);
      const again = page.getByTestId(`status-form-${dwelling.id}`);
      await again.getByLabel('Ny status', { exact: true }).selectOption({ label: 'Utilgjengelig' });
      await again.getByLabel('Årsak', { exact: true }).selectOption({ label: 'Oppussing' });
      await again.getByRole('button', { name: 'Lagre status' }).click();
      await page
        .locator('[data-form="dwelling-status"]')
        .getByTestId('action-success')
        .filter({ hasText: 'er nå utilgjengelig (oppussing)' })
        .waitFor();
      await waitForText(page.getByTestId(`dwelling-status-${dwelling.id}`), (t) => t === 'Utilgjengelig');

      // The housing need per type.
      const needForm = page.getByTestId('need-form');
      await needForm.getByLabel('Småhus', { exact: true }).fill('4');
      await needForm.getByLabel('Ordinær bolig', { exact: true }).fill('2');
      const saved = page.waitForResponse(
        (r) => r.url().includes('/api/housing/needs/') && r.request().method() === 'PUT',
      );
      await needForm.getByRole('button', { name: 'Lagre boligbehov' }).click();
      expect(((await (await saved).json()) as HousingNeedDto).needs).toMatchObject({
        'small-house': 4,
        ordinary: 2,
      });
      await outcome(page, 'need', 'success').filter({ hasText: '6 husstander i alt' }).waitFor();

      const violations = await violationsOnDesktopAndPhone(page, async () => {
        // On a phone the dwellings are stacked: the status is seen without sideways scrolling.
        const box = await page.getByTestId(`dwelling-status-${dwelling.id}`).boundingBox();
        expect(box && box.x + box.width).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
      });
      expect(violations).toEqual([]);
      await screenshot(page, 'boliger');
      await phoneScreenshot(page, 'boliger');

      // The district page's table follows: one small house out of use, need 4, 4 beyond vacant.
      await menu.getByRole('link', { name: 'Bydel', exact: true }).click();
      await page.getByTestId('housing-table').waitFor();
      await eventually(async () => expect(await districtCell(page, 'Småhus', 3)).toBe('1'));
      expect(await districtCell(page, 'Småhus', 4)).toBe('4');
      expect(await districtCell(page, 'Småhus', 5)).toBe('4');
      expect(await districtCell(page, 'Ordinær bolig', 4)).toBe('2');
    } finally {
      await context.close();
    }
  }, 240_000);

  it('lets the administrator pick the district', async () => {
    const context = await browser.newContext({
      baseURL: stack.gatewayUrl,
      viewport: { width: 1280, height: 900 },
      locale: 'nb-NO',
    });
    try {
      const page = await context.newPage();
      await signIn(page, 'Administrator');
      await page.goto('/boliger');
      await page.getByText('Velg en bydel for å se og endre boligene.').waitFor();
      await page.getByLabel('Bydel', { exact: true }).selectOption({ label: 'Sagene' });
      await page.getByRole('heading', { level: 1, name: 'Boliger i Sagene' }).waitFor();
      await page.getByRole('rowheader', { name: 'B-0412' }).waitFor();
    } finally {
      await context.close();
    }
  }, 120_000);
});
