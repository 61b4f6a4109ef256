/**
 * «Importer historikk» in a real browser against the stack (issue 17, ADRs 0217–0218): the administrator
 * uploads a deliberately broken folder (services/institution-service/src/import/fixtures/broken), follows
 * the job to «Ferdig» and sees every refused row with file, line and a reason in bokmål; nothing of those
 * rows is applied and the rest is applied once. Screenshot `importer-historikk.png`.
 */
import path from 'node:path';
import { signDevToken } from '@plass/auth';
import { IMPORT_FILES, importRefusalText, type ImportJobDto, type InstitutionDto } from '@plass/contracts';
import { ApiClient, startTestStack, type TestStack } from '@plass/testing';
import type { Browser, Page } from 'playwright-core';
import {
  ensureWebDist,
  launch,
  screenshot,
  signIn,
  violationsOnDesktopAndPhone,
  waitForText,
} from './browser';

const BROKEN = path.resolve(__dirname, '../../services/institution-service/src/import/fixtures/broken');

describe('history import in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  let admin: ApiClient;

  beforeAll(async () => {
    ensureWebDist();
    stack = await startTestStack({ only: ['institution-service', 'capacity-service', 'gateway'] });
    admin = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }),
    );
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

  it('lists the refused rows of a broken folder in bokmål and applies the rest once', async () => {
    await signIn(page, 'Administrator');
    await page.getByRole('link', { name: 'Importer historikk', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Importer historikk' }).waitFor();
    for (const file of IMPORT_FILES) {
      await page.locator(`#import-${file}`).setInputFiles(path.join(BROKEN, `${file}.csv`));
    }
    // The job as the page last read it, to compare the shown rows with.
    let last: ImportJobDto | undefined;
    page.on('response', (response) => {
      if (!/\/api\/institutions\/imports\/[0-9a-f-]+$/.test(response.url())) return;
      void response.json().then(
        (job: ImportJobDto) => (last = job),
        () => undefined,
      );
    });
    await page.getByRole('button', { name: 'Importer' }).click();

    const job = page.getByTestId('import-job');
    await waitForText(job, (t) => t.includes('Ferdig'), 60_000);
    await waitForText(job, (t) => t.includes('Avviste rader (9)'));

    // The page shows the job's rows, each with the bokmål text of its code, never the English reason.
    const rows = page.getByTestId('import-refused').locator('tbody tr');
    expect(await rows.count()).toBe(9);
    expect(last?.status).toBe('done');
    const shown = (await rows.allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim()));
    expect(shown).toEqual(
      (last?.refused ?? []).map((r) => [`${r.file}.csv`, String(r.line), importRefusalText(r, 'nb')]),
    );
    for (const [, , reason] of shown) {
      expect(reason).not.toBe('');
      expect((last?.refused ?? []).map((r) => r.reason)).not.toContain(reason);
    }

    // Nothing of a refused row was applied: the broken folder's unknown unit is not there, the good rows are.
    const { body: institutions } = await admin.get<InstitutionDto[]>('/api/institutions');
    expect(last?.files.stays.applied).toBeGreaterThan(0);
    const units = institutions.flatMap((i) => i.units.map((u) => u.id));
    expect(units).not.toContain('99999999-9999-4999-8999-000000000009');
    expect(units.length).toBeGreaterThan(0);

    await screenshot(page, 'importer-historikk');
    expect(await violationsOnDesktopAndPhone(page)).toEqual([]);
  }, 120_000);
});
