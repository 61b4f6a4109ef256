/**
 * Every page of the dashboard, as each role sees it in the menu (issue 15): axe-core finds no WCAG 2.1
 * A/AA violation on it, on a desktop and on a 390 px phone, and a screenshot of each is kept (desktop
 * `side-<path>.png`, phone `side-<path>-mobil.png`). Pages come from the menu itself, so a new page is
 * checked the day it is added to it.
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
  accessibilityViolations,
  ensureWebDist,
  launch,
  phoneScreenshot,
  PHONE_VIEWPORT,
  screenshot,
  signIn,
} from './browser';

type Role = Parameters<typeof signIn>[1];

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
      for (const pathname of paths) {
        await page.goto(pathname);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        const desktop = await accessibilityViolations(page);
        await page.setViewportSize(PHONE_VIEWPORT);
        const phone = await accessibilityViolations(page);
        await page.setViewportSize({ width: 1280, height: 900 });
        if (desktop.length + phone.length > 0) found[pathname] = [...desktop, ...phone];
        const name = `side-${pathname === '/' ? 'oversikt' : pathname.slice(1).replaceAll('/', '-')}`;
        if (!shot.has(name)) {
          shot.add(name);
          await screenshot(page, name);
          await phoneScreenshot(page, name);
        }
      }
      expect(found).toEqual({});
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
