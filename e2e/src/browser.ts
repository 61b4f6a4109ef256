/**
 * The browser tests' shared parts: Debian's Chromium driven by playwright-core, the dashboard bundle built
 * when a source is newer than it, signing in through the sign-in page, and reading numbers as shown.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { WORKSPACE_ROOT } from '@plass/testing';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const WEB_DIST = path.join(WORKSPACE_ROOT, 'services/web/dist');

/** The bundle is built from these; a dist older than any file in them would test yesterday's dashboard. */
const WEB_SOURCES = ['services/web/src', 'services/web/index.html', 'libs/contracts/src', 'libs/domain/src'];

function newestMtimeMs(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestMtimeMs(path.join(entry, name))));
}

export function webDistIsStale(): boolean {
  const built = path.join(WEB_DIST, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return WEB_SOURCES.some((source) => newestMtimeMs(path.join(WORKSPACE_ROOT, source)) > builtAt);
}

export const TOKEN_KEY = 'plassoversikt.token';

/** Where the page screenshots go: docs/screenshots when SCREENSHOT_DIR says so, else .local (not committed). */
export const SCREENSHOT_DIR = path.resolve(
  WORKSPACE_ROOT,
  process.env.SCREENSHOT_DIR ?? path.join('.local', 'screenshots'),
);

/** The page as it is, 1280 px wide and at most 2400 px high, as `<name>.png` in SCREENSHOT_DIR. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const height = Math.min(2400, await page.evaluate<number>('document.documentElement.scrollHeight'));
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, `${name}.png`),
    fullPage: true,
    clip: { x: 0, y: 0, width: 1280, height },
  });
}

/**
 * Polls an element's text from the test (every 10 ms) until `accept` says yes. Not page.waitForFunction:
 * the gateway's Content-Security-Policy forbids the eval it needs, and the test runs under the real policy.
 */
export async function waitForText(
  locator: Locator,
  accept: (text: string) => boolean,
  timeoutMs = 5000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = (await locator.textContent({ timeout: Math.max(1, deadline - Date.now()) })) ?? '';
    if (accept(text)) return text;
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(text)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const hasDigits = (text: string) => /\d/.test(text);

/** "1 234" or "−2" as shown (nb-NO) → 1234 or -2. */
export function shownCount(text: string | null): number {
  const normalized = (text ?? '').replace(/[\s\u00a0\u202f]/g, '').replace('\u2212', '-');
  if (!/^-?\d+$/.test(normalized)) throw new Error(`not a count: ${JSON.stringify(text)}`);
  return Number(normalized);
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install it with apt-get install chromium (or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // The dashboard's users read Norwegian: date fields show dd.mm.åååå, as in the city's own browsers.
      '--lang=nb-NO',
    ],
  });
}

/** Signs in through the sign-in page as the development provider offers it. */
export async function signIn(
  page: Page,
  role: 'Bydel' | 'Institusjon' | 'Felles inntak' | 'Administrator',
  choice: { district?: string; institution?: string } = {},
): Promise<void> {
  await page.goto('/');
  await page.waitForURL(/\/logg-inn/);
  await page.getByRole('radio', { name: new RegExp(`^${role}`) }).check();
  if (choice.district)
    await page.getByLabel('Bydel', { exact: true }).selectOption({ label: choice.district });
  if (choice.institution) {
    await page.getByLabel('Institusjon', { exact: true }).selectOption({ label: choice.institution });
  }
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/logg-inn'));
  await page.getByTestId('connection-status').filter({ hasText: 'Direkte' }).waitFor({ timeout: 10_000 });
}

/**
 * The gateway serves services/web/dist: built when nobody has, or when a source is newer. Built for
 * production whatever Jest set NODE_ENV to ('test' gives React's development build, twice the size).
 */
export function ensureWebDist(): void {
  if (!webDistIsStale()) return;
  execFileSync('npm', ['run', '-s', 'build:web'], {
    cwd: WORKSPACE_ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

/** The 390 px wide phone the mobile layout is checked on (an iPhone 12–15). */
export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;

/** The page as a phone shows it, whole, as `<name>-mobil.png` in SCREENSHOT_DIR. */
export async function phoneScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const viewport = page.viewportSize();
  await page.setViewportSize(PHONE_VIEWPORT);
  try {
    const height = Math.min(3600, await page.evaluate<number>('document.documentElement.scrollHeight'));
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, `${name}-mobil.png`),
      fullPage: true,
      clip: { x: 0, y: 0, width: PHONE_VIEWPORT.width, height },
    });
  } finally {
    if (viewport) await page.setViewportSize(viewport);
  }
}

/** The page's WCAG 2.1 A and AA violations as axe-core finds them, one line each (empty when none). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'ukjent'}): ${violation.help} — ` +
      violation.nodes.map((node) => node.target.join(' ')).join(', '),
  );
}

/** The desktop every browser test starts on. */
export const DESKTOP_VIEWPORT = { width: 1280, height: 900 } as const;

/**
 * axe-core's WCAG 2.1 A/AA violations on the page at 1280 px and then at 390 px; `onPhone` runs while the
 * page is phone-sized (for checks of the phone layout). The page is desktop-sized again afterwards.
 */
export async function violationsOnDesktopAndPhone(
  page: Page,
  onPhone?: () => Promise<void>,
): Promise<string[]> {
  const desktop = await accessibilityViolations(page);
  await page.setViewportSize(PHONE_VIEWPORT);
  try {
    const phone = await accessibilityViolations(page);
    await onPhone?.();
    return [...desktop, ...phone];
  } finally {
    await page.setViewportSize(DESKTOP_VIEWPORT);
  }
}
