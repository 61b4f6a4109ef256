/**
 * Every page of the dashboard, as each role sees it in the menu (issue 15): axe-core finds no WCAG 2.1
 * A/AA violation on it, on a desktop and on a 390 px phone, and a screenshot of each is kept (desktop
 * `side-<path>.png`, phone `side-<path>-mobil.png`). Pages come from the menu itself, so a new page is
 * checked the day it is added to it. On the phone no page scrolls sideways, the header takes at most a
 * fifth of the first screen, and the first free-place number of Oversikt and Ledige plasser is on the
 * screen without scrolling sideways (ADR 0188).
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
import type { Browser, Page } from 'playwright-core';
import {
  ensureWebDist,
  launch,
  phoneScreenshot,
  PHONE_VIEWPORT,
  screenshot,
  signIn,
  violationsOnDesktopAndPhone,
} from './browser';

type Role = Parameters<typeof signIn>[1];

/** Where a page's free places are read first: by their data-testid, else the free-places column. */
const FREE_PLACES: Record<string, string> = {
  '/': '[data-testid="city-available"]',
  '/ledige': [
    '[data-testid^="unit-available"]',
    '[data-testid^="available-"]',
    '[data-testid="availability-table"] tbody td.strong',
  ].join(', '),
};

/**
 * What keeps a page from fitting a phone: sideways scrolling, a header over a fifth of the first screen,
 * and free places outside the screen.
 */
async function phoneProblems(page: Page, pathname: string): Promise<string[]> {
  const problems: string[] = [];
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  if (width > PHONE_VIEWPORT.width) problems.push(`the page is ${width} px wide (scrolls sideways)`);
  const header = await page.evaluate<number>(
    'document.querySelector(".site-header").getBoundingClientRect().height',
  );
  if (header > PHONE_VIEWPORT.height * 0.2)
    problems.push(`the header is ${Math.round(header)} px high, over a fifth of the screen`);
  const selector = FREE_PLACES[pathname];
  if (selector) {
    const box = await page.locator(selector).first().boundingBox();
    if (!box) problems.push(`no free-place number (${selector})`);
    else if (box.x < 0 || box.x + box.width > PHONE_VIEWPORT.width)
      problems.push(`the first free-place number is at x = ${Math.round(box.x)}, outside the screen`);
  }
  return problems;
}

describe('every page, for every role', () => {
  let stack: TestStack;
  let browser: Browser;
  let institution: InstitutionDto;
  const shot = new Set<string>();

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
        institutionFactory().name('E2E Sidehuset').district('030103').build(),
      ),
      201,
    );
    expectStatus(
      await admin.post<UnitDto>(
        `/api/institutions/${institution.id}/units`,
        unitFactory().name('Døgnposten').category('acute').capacity(4).build(),
      ),
      201,
    );
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.dispose();
  });

  /** The menu's pages for whoever is signed in on `page`: their paths as the links give them. */
  async function menuPaths(page: Page): Promise<string[]> {
    const links = page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link');
    const hrefs = await Promise.all((await links.all()).map((link) => link.getAttribute('href')));
    return [...new Set(hrefs.filter((href): href is string => href?.startsWith('/') ?? false))];
  }

  async function checkEveryPage(role: Role, choice: { district?: string; institution?: string } = {}) {
    const context = await browser.newContext({
      baseURL: stack.gatewayUrl,
      viewport: { width: 1280, height: 900 },
      locale: 'nb-NO',
    });
    try {
      const page = await context.newPage();
      await signIn(page, role, choice);
      const paths = await menuPaths(page);
      expect(paths.length).toBeGreaterThan(2);
      const found: Record<string, string[]> = {};
      const phone: Record<string, string[]> = {};
      for (const pathname of paths) {
        await page.goto(pathname);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        let misfits: string[] = [];
        const violations = await violationsOnDesktopAndPhone(page, async () => {
          misfits = await phoneProblems(page, pathname);
        });
        if (violations.length > 0) found[pathname] = violations;
        if (misfits.length > 0) phone[pathname] = misfits;
        const name = `side-${pathname === '/' ? 'oversikt' : pathname.slice(1).replaceAll('/', '-')}`;
        if (!shot.has(name)) {
          shot.add(name);
          await screenshot(page, name);
          await phoneScreenshot(page, name);
        }
      }
      expect(found).toEqual({});
      expect(phone).toEqual({});
    } finally {
      await context.close();
    }
  }

  it('has no WCAG 2.1 A/AA violation on any page of the intake staff', async () => {
    await checkEveryPage('Felles inntak');
  }, 180_000);

  it('has no WCAG 2.1 A/AA violation on any page of district staff', async () => {
    await checkEveryPage('Bydel', { district: 'Sagene' });
  }, 180_000);

  it('has no WCAG 2.1 A/AA violation on any page of institution staff', async () => {
    await checkEveryPage('Institusjon', { institution: 'E2E Sidehuset' });
  }, 180_000);

  it('has no WCAG 2.1 A/AA violation on any page of the administrator', async () => {
    await checkEveryPage('Administrator');
  }, 180_000);
});
