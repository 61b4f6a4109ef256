/**
 * The 2024 figures reproduced (issue 17, ADRs 0220–0222): the generated year of the VEL institutions is
 * imported through the gateway like any history (POST /api/institutions/import), and every indicator the
 * system gives for 2024 is exactly what the year was built to give — beleggsprosent per category
 * (figure 22), the resource centres' bed-days, immediate discharges and moves to own housing per category,
 * stays beyond the norm by length, and each district's stays per category (figure 21). Then «Styringsdata»
 * shows the year in a real browser.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signDevToken } from '@plass/auth';
import {
  contractClient,
  getCapacityIndicators,
  getUtilizationReport,
  type CapacityIndicators,
  type ContractClient,
  type StayLengthBucket,
  type UtilizationReport,
} from '@plass/contracts';
import type { DistrictCode, ServiceCategoryCode } from '@plass/domain';
import { eventually, startTestStack, WORKSPACE_ROOT, type TestStack } from '@plass/testing';
import type { Browser, Page } from 'playwright-core';
import { ensureWebDist, launch, screenshot, signIn, waitForText } from './browser';

/** expected.json as `npm run figures:2024` writes it beside the CSV files (tools/src/figures-2024/write.ts). */
interface Expected {
  figures: {
    occupancyPercent: { all: number; byCategory: Partial<Record<ServiceCategoryCode, number>> };
    resourceCentreBedDays: { possibleAbout: number; usedAbout: number; unusedOver: number; percent: number };
    immediateDischarges: { total: number; byCategory: Partial<Record<ServiceCategoryCode, number>> };
    movesToOwnHousing: {
      total: number;
      withoutOsloAddress: number;
      byCategory: Partial<Record<ServiceCategoryCode, number>>;
    };
    staysBeyondNorm: {
      from: string;
      to: string;
      byCategory: Partial<Record<ServiceCategoryCode, Record<StayLengthBucket, number>>>;
    };
  };
  constructed: {
    byCategory: Partial<
      Record<ServiceCategoryCode, { possibleBedDays: number; blockedBedDays: number; usedBedDays: number }>
    >;
    staysBegun: Partial<Record<DistrictCode, Partial<Record<ServiceCategoryCode, number>>>>;
  };
}

const FILES = ['units', 'capacity', 'stays', 'blocks'] as const;
const YEAR = { from: '2024-01-01', to: '2025-01-01' };
const IMPORT_TIMEOUT_MS = 600_000;

/** Intake sees exact figures (ADR 0223): a hidden (null) count here is a failure, not a small number. */
const exact = (n: number | null): number => {
  if (n === null) throw new Error('a count was suppressed for intake, who must see exact figures');
  return n;
};
const nonZero = (entries: [string, number | null][]) =>
  Object.fromEntries(entries.map(([k, n]) => [k, exact(n)] as const).filter(([, n]) => n !== 0));

describe('the 2024 figures reproduced from an imported year', () => {
  let stack: TestStack;
  let folder: string;
  let expected: Expected;
  let token: string;
  let intake: ContractClient;
  let browser: Browser | undefined;

  beforeAll(async () => {
    ensureWebDist();
    folder = mkdtempSync(path.join(os.tmpdir(), 'figures-2024-'));
    execFileSync('npm', ['run', '-s', 'figures:2024', '--', folder], {
      cwd: WORKSPACE_ROOT,
      stdio: 'inherit',
    });
    expected = JSON.parse(readFileSync(path.join(folder, 'expected.json'), 'utf8')) as Expected;
    stack = await startTestStack();
    token = await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null });
    const intakeToken = await signDevToken({ roles: ['intake'], institutionIds: [], districtCode: null });
    intake = contractClient({
      baseUrl: stack.gatewayUrl,
      headers: () => ({ authorization: `Bearer ${intakeToken}` }),
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.dispose();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it(
    'imports the generated folder with no row refused',
    async () => {
      const form = new FormData();
      for (const file of FILES) {
        const csv = readFileSync(path.join(folder, `${file}.csv`));
        form.append(file, new Blob([csv], { type: 'text/csv' }), `${file}.csv`);
      }
      const started = await fetch(`${stack.gatewayUrl}/api/institutions/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      expect(started.status).toBe(202);
      const { id } = (await started.json()) as { id: string };
      const job = await eventually(
        async () => {
          const answer = await fetch(`${stack.gatewayUrl}/api/institutions/imports/${id}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          const body = (await answer.json()) as { status: string; refusedTotal: number; refused: unknown[] };
          expect(body.status).toMatch(/^(done|failed)$/);
          return body;
        },
        { timeoutMs: IMPORT_TIMEOUT_MS, intervalMs: 1000 },
      );
      expect(job).toMatchObject({ status: 'done', refusedTotal: 0, refused: [] });
    },
    IMPORT_TIMEOUT_MS + 30_000,
  );

  it('gives each category the occupancy rate and bed-days it was built with, all institutions 87 %', async () => {
    const report: UtilizationReport = await eventually(
      async () => {
        const r = await intake.call(getUtilizationReport, { query: { ...YEAR, groupBy: 'category' } });
        const figures = Object.fromEntries(
          r.groups.map((g) => [
            g.key,
            {
              possibleBedDays: g.possibleBedDays,
              blockedBedDays: g.blockedBedDays,
              usedBedDays: g.usedBedDays,
            },
          ]),
        );
        expect(figures).toEqual(expected.constructed.byCategory);
        return r;
      },
      { timeoutMs: 300_000, intervalMs: 2000 },
    );
    const percent = Object.fromEntries(
      report.groups.map((g) => [g.key, Math.round((g.occupancyRate ?? 0) * 100)]),
    );
    expect(percent).toEqual(expected.figures.occupancyPercent.byCategory);
    expect(Math.round((report.total.occupancyRate ?? 0) * 100)).toBe(expected.figures.occupancyPercent.all);

    // About 37,000 possible, 24,500 used, over 12,600 unused: 66 % (OSLO.md).
    const resource = report.groups.find((g) => g.key === 'resource-centre');
    expect(resource).toMatchObject({
      possibleBedDays: 36_966,
      usedBedDays: 24_350,
      blockedBedDays: 0,
      unusedBedDays: 12_616,
    });
    const published = expected.figures.resourceCentreBedDays;
    expect(Math.round((resource?.possibleBedDays ?? 0) / 1000) * 1000).toBe(published.possibleAbout);
    expect(Math.round((resource?.usedBedDays ?? 0) / 500) * 500).toBe(published.usedAbout);
    expect(resource?.unusedBedDays).toBeGreaterThan(published.unusedOver);
    expect(Math.round((resource?.occupancyRate ?? 0) * 100)).toBe(published.percent);
  }, 330_000);

  it('counts the immediate discharges, moves to own housing and stays begun per district as constructed', async () => {
    const indicators: CapacityIndicators = await eventually(
      async () => {
        const i = await intake.call(getCapacityIndicators, { query: YEAR });
        const immediate = nonZero(i.dischargesByReason.map((c) => [c.category, c.byReason.immediate]));
        expect(immediate).toEqual(expected.figures.immediateDischarges.byCategory);
        const moves = nonZero(i.movesToOwnHousing.map((c) => [c.category, c.count]));
        expect(moves).toEqual(expected.figures.movesToOwnHousing.byCategory);
        return i;
      },
      { timeoutMs: 120_000, intervalMs: 2000 },
    );
    const sum = (values: (number | null)[]) => values.reduce<number>((a, b) => a + exact(b), 0);
    expect(sum(indicators.dischargesByReason.map((c) => c.byReason.immediate))).toBe(302);
    expect(sum(indicators.movesToOwnHousing.map((c) => c.count))).toBe(353);
    expect(sum(indicators.movesToOwnHousing.map((c) => c.withoutOsloAddress))).toBe(
      expected.figures.movesToOwnHousing.withoutOsloAddress,
    );

    // Figure 21 (ADR 0222): each district's stays begun in 2024 per category, and their shares.
    const begun = Object.fromEntries(
      indicators.referrals
        .filter((r) => r.districtCode !== 'all')
        .map((r) => [r.districtCode, Object.fromEntries(r.categories.map((c) => [c.category, c.stays]))]),
    );
    expect(begun).toEqual(expected.constructed.staysBegun);
    for (const row of indicators.referrals) {
      for (const c of row.categories) expect(c.share).toBe(exact(c.stays) / exact(row.stays));
    }
  }, 150_000);

  it('counts the stays beyond the norm of March–December by length, and the same over the whole year', async () => {
    const published = expected.figures.staysBeyondNorm;
    const beyond = (i: CapacityIndicators) =>
      Object.fromEntries(
        i.staysBeyondNorm.filter((c) => exact(c.total) > 0).map((c) => [c.category, c.buckets]),
      );
    const marchToDecember = await intake.call(getCapacityIndicators, {
      query: { from: published.from, to: published.to },
    });
    expect(beyond(marchToDecember)).toEqual(published.byCategory);
    expect(marchToDecember.staysBeyondNorm.find((c) => c.category === 'assessment-active')?.buckets).toEqual({
      threeMonthsToOneYear: 128,
      oneToTwoYears: 11,
      twoToFiveYears: 2,
      overFiveYears: 0,
    });
    const wholeYear = await intake.call(getCapacityIndicators, { query: YEAR });
    expect(beyond(wholeYear)).toEqual(published.byCategory);
  });

  it('shows the 2024 report on «Styringsdata»', async () => {
    browser = await launch();
    const context = await browser.newContext({
      baseURL: stack.gatewayUrl,
      viewport: { width: 1280, height: 900 },
      locale: 'nb-NO',
    });
    const page: Page = await context.newPage();
    await signIn(page, 'Felles inntak');
    await page.goto('/styringsdata');
    await page.getByRole('heading', { level: 1, name: 'Styringsdata' }).waitFor();
    await page.getByLabel('Periode', { exact: true }).selectOption({ label: 'Året 2024' });
    const resourceRate = await waitForText(
      page.getByTestId('occupancy-resource-centre'),
      (t) => t.includes('66'),
      20_000,
    );
    expect(resourceRate.replace(/\s/g, '')).toBe('66%');
    expect(
      (await waitForText(page.getByTestId('occupancy-all'), (t) => t.includes('87'), 20_000)).replace(
        /\s/g,
        '',
      ),
    ).toBe('87%');
    expect((await page.getByTestId('resource-unused').textContent())?.replace(/\s/g, '')).toBe('12616');
    expect(
      await waitForText(page.getByTestId('indicators-immediate-total'), (t) => t.includes('302'), 20_000),
    ).toBe('302');
    expect(await page.getByTestId('indicators-moves-total').textContent()).toBe('353');
    expect(await page.getByTestId('beyond-assessment-active-threeMonthsToOneYear').textContent()).toBe('128');
    await page.getByTestId('indicators-figure-21').getByRole('rowheader', { name: 'Alna' }).waitFor();
    await screenshot(page, 'styringsdata-2024');
    await context.close();
  }, 120_000);
});
