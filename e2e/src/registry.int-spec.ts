/**
 * «Register» in a real browser against the whole stack (issue 15): the administrator registers an
 * institution and a unit, is refused a duplicate name of each, renames the unit, changes its places with a
 * reason, sets its features, sees it on «Ledige plasser», is refused closing a unit with residents, closes
 * an empty one after a confirmation and reopens it. axe-core finds no WCAG 2.1 A/AA violation on the page.
 */
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
import type { Browser, Locator, Page } from 'playwright-core';
import {
  ensureWebDist,
  launch,
  phoneScreenshot,
  PHONE_VIEWPORT,
  screenshot,
  signIn,
  violationsOnDesktopAndPhone,
} from './browser';

describe('Register in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let admin: ApiClient;
  let occupied: UnitDto;

  beforeAll(async () => {
    ensureWebDist();
    stack = await startTestStack();
    admin = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }),
    );
    const other = expectStatus(
      await admin.post<InstitutionDto>(
        '/api/institutions',
        institutionFactory().name('E2E Beboerhuset').district('030101').build(),
      ),
      201,
    );
    occupied = expectStatus(
      await admin.post<UnitDto>(
        `/api/institutions/${other.id}/units`,
        unitFactory().name('Bebodd post').category('acute').capacity(2).build(),
      ),
      201,
    );
    expectStatus(
      await admin.post(`/api/units/${occupied.id}/admissions`, { referringDistrictCode: '030102' }),
      201,
    );
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.dispose();
  });

  const outcome = (page: Page, form: string, kind: 'success' | 'error'): Locator =>
    page.locator(`[data-form="${form}"]`).getByTestId(`action-${kind}`);

  it('registers, refuses duplicates, renames, changes places and features, closes and reopens', async () => {
    const context = await browser.newContext({
      baseURL: stack.gatewayUrl,
      viewport: { width: 1280, height: 900 },
      locale: 'nb-NO',
    });
    try {
      const page = await context.newPage();
      await signIn(page, 'Administrator');
      await page
        .getByRole('navigation', { name: 'Hovedmeny' })
        .getByRole('link', { name: 'Register' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Register' }).waitFor();

      // Nothing is chosen for the administrator: sending without a district is refused before sending.
      await page.getByLabel('Navn på institusjonen', { exact: true }).fill('E2E Registerhuset');
      await page.getByLabel('Type tilbyder', { exact: true }).selectOption({ label: 'Ideell' });
      await page.getByRole('button', { name: 'Registrer institusjon' }).click();
      await outcome(page, 'new-institution', 'error').filter({ hasText: 'velg bydel' }).waitFor();
      await page
        .getByLabel('Bydel der institusjonen ligger', { exact: true })
        .selectOption({ label: 'Sagene' });
      await page.getByRole('button', { name: 'Registrer institusjon' }).click();
      await outcome(page, 'new-institution', 'success')
        .filter({ hasText: 'Institusjonen E2E Registerhuset er registrert i Sagene' })
        .waitFor();
      expect(await page.getByLabel('Bydel der institusjonen ligger', { exact: true }).inputValue()).toBe('');

      // The same name in other letters and spacing is the same name.
      await page.getByLabel('Navn på institusjonen', { exact: true }).fill('  e2e   REGISTERHUSET ');
      await page.getByLabel('Type tilbyder', { exact: true }).selectOption({ label: 'Kommunal (egenregi)' });
      await page
        .getByLabel('Bydel der institusjonen ligger', { exact: true })
        .selectOption({ label: 'Grorud' });
      await page.getByRole('button', { name: 'Registrer institusjon' }).click();
      await outcome(page, 'new-institution', 'error')
        .filter({ hasText: 'Navnet er allerede i bruk' })
        .waitFor();

      // The new institution is the one shown; a unit of it.
      const institution = page.locator('[data-testid^="registry-institution-"]');
      await institution.getByRole('heading', { name: 'E2E Registerhuset' }).waitFor();
      await page.getByLabel('Navn på enheten', { exact: true }).fill('Nattposten');
      await page.getByLabel('Tjenestekategori', { exact: true }).selectOption({ label: 'Akutt' });
      await page.getByLabel('Godkjente plasser', { exact: true }).fill('5');
      await page.getByRole('button', { name: 'Registrer enhet' }).click();
      await outcome(page, 'new-unit', 'success')
        .filter({ hasText: 'Enheten Nattposten er registrert med 5 plasser' })
        .waitFor();
      await page.getByLabel('Navn på enheten', { exact: true }).fill('NATTPOSTEN');
      await page.getByLabel('Tjenestekategori', { exact: true }).selectOption({ label: 'Akutt' });
      await page.getByLabel('Godkjente plasser', { exact: true }).fill('3');
      await page.getByRole('button', { name: 'Registrer enhet' }).click();
      await outcome(page, 'new-unit', 'error').filter({ hasText: 'Navnet er allerede i bruk' }).waitFor();
      const rows = page.getByTestId('registry-units').locator('tbody tr');
      await rows.first().waitFor();
      await expect(rows.count()).resolves.toBe(1);

      // Rename, places with a reason, features.
      await page.getByRole('button', { name: 'Endre Nattposten' }).click();
      const editor = page.locator('[data-testid^="unit-editor-"]');
      await editor.getByLabel('Navn på enheten', { exact: true }).fill('Nattposten Øst');
      await editor.getByRole('button', { name: 'Lagre navn' }).click();
      await outcome(page, 'unit-editor', 'success')
        .filter({ hasText: 'Enheten heter nå Nattposten Øst' })
        .waitFor();
      // Focus stays on the button that sent the form.
      await expect(
        page.evaluate<string | null>('document.activeElement?.textContent?.trim() ?? null'),
      ).resolves.toBe('Lagre navn');

      await editor.getByLabel('Antall godkjente plasser', { exact: true }).fill('7');
      await editor.getByRole('button', { name: 'Lagre plasser' }).click();
      await outcome(page, 'unit-editor', 'error').filter({ hasText: 'velg årsak' }).waitFor();
      await editor.getByLabel('Årsak til endringen', { exact: true }).selectOption({ label: 'Vedtak' });
      await editor.getByRole('button', { name: 'Lagre plasser' }).click();
      await outcome(page, 'unit-editor', 'success')
        .filter({ hasText: 'Enheten har nå 7 godkjente plasser (vedtak)' })
        .waitFor();
      await page.locator('[data-testid^="registry-capacity-"]').filter({ hasText: '7' }).waitFor();

      await editor.getByLabel('Rullestoltilgjengelig', { exact: true }).check();
      await editor.getByRole('button', { name: 'Lagre tilrettelegging' }).click();
      await outcome(page, 'unit-editor', 'success')
        .filter({ hasText: 'tilrettelagt for: rullestoltilgjengelig' })
        .waitFor();
      await rows.first().getByText('Rullestoltilgjengelig').waitFor();

      const violations = await violationsOnDesktopAndPhone(page, async () => {
        // On a phone the units are stacked: free places and status are seen without sideways scrolling.
        const status = await page.locator('[data-testid^="registry-status-"]').first().boundingBox();
        expect(status && status.x + status.width).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
      });
      expect(violations).toEqual([]);
      await screenshot(page, 'register');
      await phoneScreenshot(page, 'register');

      // The new unit is on «Ledige plasser» with its 7 places.
      await page
        .getByRole('navigation', { name: 'Hovedmeny' })
        .getByRole('link', { name: 'Ledige plasser' })
        .click();
      const availability = page.getByTestId('availability-table');
      await availability.getByText('Nattposten Øst').waitFor({ timeout: 10_000 });

      // Closing a unit with a resident is refused, and says why.
      await page
        .getByRole('navigation', { name: 'Hovedmeny' })
        .getByRole('link', { name: 'Register' })
        .click();
      await page
        .getByLabel('Institusjon', { exact: true })
        .selectOption({ label: 'E2E Beboerhuset (Gamle Oslo)' });
      await page.getByRole('button', { name: 'Endre Bebodd post' }).click();
      await page.getByRole('button', { name: 'Legg ned enheten' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Ja, legg ned' }).click();
      await outcome(page, 'unit-editor', 'error')
        .filter({ hasText: 'Enheten har fortsatt beboere (1 åpne opphold)' })
        .waitFor();
      await expect(page.getByTestId(`registry-status-${occupied.id}`).textContent()).resolves.toBe('I drift');

      // Close the empty one after confirming, then reopen it.
      await page
        .getByLabel('Institusjon', { exact: true })
        .selectOption({ label: 'E2E Registerhuset (Sagene)' });
      await page.getByRole('button', { name: 'Endre Nattposten Øst' }).click();
      await page.getByRole('button', { name: 'Legg ned enheten' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('heading', { name: 'Legge ned Nattposten Øst?' }).waitFor();
      await dialog.getByRole('button', { name: 'Avbryt' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: 'Legg ned enheten' }).click();
      await dialog.getByRole('button', { name: 'Ja, legg ned' }).click();
      await outcome(page, 'unit-editor', 'success').filter({ hasText: 'er lagt ned' }).waitFor();
      await page.locator('[data-testid^="registry-status-"]').filter({ hasText: 'Lagt ned' }).waitFor();
      // The button that had focus went with the change: focus is on the message, not the page.
      await expect(
        page.evaluate<string | null>("document.activeElement?.getAttribute('data-form') ?? null"),
      ).resolves.toBe('unit-editor');

      // Closed, it is off «Ledige plasser»; back on «Register» to reopen it.
      await page
        .getByRole('navigation', { name: 'Hovedmeny' })
        .getByRole('link', { name: 'Ledige plasser' })
        .click();
      await availability.getByText('E2E Beboerhuset').first().waitFor({ timeout: 10_000 });
      // The closure reaches the read model a moment after the 200; the page follows it live.
      await availability.getByText('Nattposten Øst').waitFor({ state: 'detached', timeout: 10_000 });
      await page
        .getByRole('navigation', { name: 'Hovedmeny' })
        .getByRole('link', { name: 'Register' })
        .click();
      await page
        .getByLabel('Institusjon', { exact: true })
        .selectOption({ label: 'E2E Registerhuset (Sagene)' });
      await page.getByRole('button', { name: 'Endre Nattposten Øst' }).click();
      await page.getByRole('button', { name: 'Gjenåpne enheten' }).click();
      await outcome(page, 'unit-editor', 'success')
        .filter({ hasText: 'Enheten Nattposten Øst er gjenåpnet med 7 plasser' })
        .waitFor();
      await page.locator('[data-testid^="registry-status-"]').filter({ hasText: 'I drift' }).waitFor();

      // Open again on «Ledige plasser», counted with its places.
      await page
        .getByRole('navigation', { name: 'Hovedmeny' })
        .getByRole('link', { name: 'Ledige plasser' })
        .click();
      await availability.getByText('Nattposten Øst').waitFor({ timeout: 10_000 });
    } finally {
      await context.close();
    }
  }, 240_000);
});
