/**
 * Purchased places and the financing report in a real browser against the stack (issue 17): a district
 * records a purchase on «Kjøpte plasser», sets its last day, and «Finansiering» shows its days and cost.
 * Screenshots `kjopte-plasser.png` and `finansiering.png`.
 */
import { signDevToken } from '@plass/auth';
import { getFinancingReport } from '@plass/contracts';
import { contractApi, eventually, startTestStack, type TestStack } from '@plass/testing';
import type { Browser, Page } from 'playwright-core';
import { ensureWebDist, launch, screenshot, signIn, waitForText } from './browser';

describe('purchased places and financing in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebDist();
    stack = await startTestStack({ only: ['capacity-service', 'intake-service', 'gateway'] });
    browser = await launch();
    const context = await browser.newContext({
      baseURL: stack.gatewayUrl,
      viewport: { width: 1280, height: 900 },
      locale: 'nb-NO',
    });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.dispose();
  });

  it('records a purchase, ends it, and shows its days and cost in the financing report', async () => {
    await signIn(page, 'Bydel', { district: 'Sagene' });
    await page.getByRole('link', { name: 'Kjøpte plasser', exact: true }).click();
    await page.getByLabel('Leverandør (organisasjon)').fill('Privat Mestring AS');
    await page.getByLabel('Tjenestekategori').selectOption({ label: 'Mestringsenhet' });
    await page.getByLabel('Første dag', { exact: true }).fill('2026-11-01');
    await page.getByLabel('Døgnpris (hele kroner)').fill('4 200');
    await page.getByRole('button', { name: 'Registrer kjøp' }).click();
    await waitForText(page.getByTestId('action-success'), (t) =>
      t.includes('Kjøpet er registrert for Sagene'),
    );

    const table = page.getByTestId('purchases-table');
    const row = table.locator('tbody tr').first();
    await waitForText(row, (t) => t.includes('Privat Mestring AS') && t.includes('Løpende'));
    await row.getByLabel('Siste dag').fill('2026-11-10');
    await row.getByRole('button', { name: 'Avslutt kjøp' }).click();
    await waitForText(row, (t) => t.includes('10.11.2026'));
    await screenshot(page, 'kjopte-plasser');

    // The capacity service has the purchase once its consumer has read the events.
    const api = contractApi(
      stack.gatewayUrl,
      await signDevToken({ roles: ['intake'], institutionIds: [], districtCode: null }),
    );
    await eventually(
      async () => {
        const report = await api.call(getFinancingReport, {
          query: { from: '2026-11-01', to: '2026-12-01' },
        });
        expect(report.total.purchasedBedDays).toBe(10);
      },
      { timeoutMs: 20_000 },
    );

    await page.getByRole('link', { name: 'Finansiering', exact: true }).click();
    await page.getByLabel('Fra og med').fill('2026-11-01');
    await page.getByLabel('Til og med').fill('2026-11-30');
    await page.getByLabel('Grupper etter').selectOption({ label: 'Bydel' });
    await page.getByRole('button', { name: 'Vis rapport' }).click();
    const sagene = page.getByTestId('financing-030103');
    const text = await waitForText(sagene, (t) => t.includes('42'), 10_000);
    expect(text.replace(/[\s\u00a0\u202f]/g, '')).toContain('42000kr');
    await screenshot(page, 'finansiering');
  });
});
