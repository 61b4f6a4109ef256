/**
 * «Varslinger» in a real browser against the whole stack (issue 15, ADR 0175): district staff subscribe
 * their e-mail and register their district's webhook; a unit in the district goes over capacity; the
 * receiver on loopback gets the signed alert, the e-mail reaches the SMTP sink process, and the page shows
 * the webhook as «Virker» with its delivery log. axe-core finds nothing on desktop or phone.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, randomUUID } from 'node:crypto';
import { signDevToken } from '@plass/auth';
import type { InstitutionDto, UnitDto } from '@plass/contracts';
import {
  ApiClient,
  eventually,
  expectStatus,
  institutionFactory,
  startMailSink,
  startTestStack,
  unitFactory,
  type MailSink,
  type TestStack,
} from '@plass/testing';
import type { Browser, Page } from 'playwright-core';
import {
  ensureWebDist,
  launch,
  phoneScreenshot,
  screenshot,
  signIn,
  violationsOnDesktopAndPhone,
} from './browser';

const SECRET = 'sagene-fagsystem-nokkel-2026';

/** What a receiver checks: X-Plass-Signature is sha256= and the hex HMAC-SHA256 of the body. */
const signed = (body: string, header: unknown) =>
  header === `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;

describe('Varslinger in a browser', () => {
  const savedEnv = { ...process.env };
  let stack: TestStack;
  let browser: Browser;
  let sink: MailSink;
  let receiverServer: Server;
  let receiverUrl: string;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  let admin: ApiClient;
  let unit: UnitDto;

  beforeAll(async () => {
    ensureWebDist();
    receiverServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiverServer.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiverServer.address() as AddressInfo).port}/sagene/varsel`;
    sink = await startMailSink({ file: `${process.cwd()}/.local/mail/e2e-${randomUUID()}.jsonl` });
    process.env.SMTP_HOST = '127.0.0.1';
    process.env.SMTP_PORT = String(sink.port);
    process.env.NOTIFY_POLL_MS = '200';
    stack = await startTestStack();
    admin = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }),
    );
    const institution = expectStatus(
      await admin.post<InstitutionDto>(
        '/api/institutions',
        institutionFactory().name('E2E Varselhuset').district('030103').build(),
      ),
      201,
    );
    unit = expectStatus(
      await admin.post<UnitDto>(
        `/api/institutions/${institution.id}/units`,
        unitFactory().name('Varselposten').category('coping').capacity(1).build(),
      ),
      201,
    );
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    process.env = savedEnv;
    await browser?.close();
    await stack?.dispose();
    await sink?.stop();
    receiverServer?.close();
  });

  async function axeClean(page: Page): Promise<void> {
    expect(await violationsOnDesktopAndPhone(page)).toEqual([]);
  }

  it('lets district staff subscribe by e-mail and register a webhook that then gets the alert', async () => {
    const context = await browser.newContext({
      baseURL: stack.gatewayUrl,
      viewport: { width: 1280, height: 900 },
      locale: 'nb-NO',
    });
    try {
      const page = await context.newPage();
      await signIn(page, 'Bydel', { district: 'Sagene' });
      await page
        .getByRole('navigation', { name: 'Hovedmeny' })
        .getByRole('link', { name: 'Varslinger' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Varslinger' }).waitFor();
      await page.waitForLoadState('networkidle');

      // E-mail: the own address, Overbelegg, the own district (the only choice, shown as text).
      await page.getByLabel('Din e-postadresse på jobb').fill('ola@bydel-sagene.oslo.kommune.no');
      await page.locator('#email-code-OVER_CAPACITY').check();
      await expect(page.getByText('Gjelder: Bydel Sagene').first().isVisible()).resolves.toBe(true);
      await page.getByRole('button', { name: 'Abonner' }).click();
      await page.getByTestId('action-success').filter({ hasText: 'Du får nå e-post' }).waitFor();
      await page.getByTestId('email-subscriptions').getByText('ola@bydel-sagene.oslo.kommune.no').waitFor();

      // A refused URL says why, in Norwegian, and keeps what was typed.
      await page.getByLabel('Adresse (URL)').fill('ftp://fagsystem.example.no');
      await page.getByLabel('Hemmelig nøkkel (minst 16 tegn)').fill(SECRET);
      await page.locator('#webhook-code-OVER_CAPACITY').check();
      await page.getByRole('button', { name: 'Registrer webhook' }).click();
      await page.getByTestId('action-error').filter({ hasText: 'https://' }).waitFor();
      await expect(page.getByLabel('Adresse (URL)').inputValue()).resolves.toBe('ftp://fagsystem.example.no');

      await page.getByLabel('Adresse (URL)').fill(receiverUrl);
      await page.getByRole('button', { name: 'Registrer webhook' }).click();
      await page.getByTestId('action-success').filter({ hasText: 'er registrert' }).waitFor();
      const listed = page.getByTestId('webhooks').getByRole('listitem').filter({ hasText: receiverUrl });
      await listed.waitFor();
      await expect(listed.textContent()).resolves.toMatch(/Virker.*Overbelegg.*Bydel Sagene.*Ingen ennå/s);
      await axeClean(page);
      await screenshot(page, 'varslinger');
      await phoneScreenshot(page, 'varslinger');

      // The unit in Sagene goes over capacity: the alert reaches the receiver, signed, and the e-mail.
      for (let i = 0; i < 2; i++) {
        expectStatus(
          await admin.post(`/api/units/${unit.id}/admissions`, {
            referringDistrictCode: '030101',
            allowOverCapacity: true,
          }),
          201,
        );
      }
      await eventually(() => expect(received.length).toBeGreaterThanOrEqual(1), {
        timeoutMs: 10_000,
        intervalMs: 100,
      });
      const [first] = received;
      expect(signed(first.body, first.headers['x-plass-signature'])).toBe(true);
      expect(JSON.parse(first.body)).toMatchObject({ code: 'OVER_CAPACITY', districtCode: '030103' });
      await eventually(
        () =>
          expect(sink.messages().some((m) => m.subject.includes('Overbelegg (OVER_CAPACITY)'))).toBe(true),
        { timeoutMs: 10_000, intervalMs: 100 },
      );

      // The page shows the delivery: «Virker», the last delivery, and the log with the attempt.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Varslinger' }).waitFor();
      const item = page.getByTestId('webhooks').getByRole('listitem').filter({ hasText: receiverUrl });
      await item.getByText(/Siste levering: \d{2}\.\d{2}\.\d{4}.*levert \(svar 204\)/).waitFor();
      await item.getByRole('button', { name: 'Vis leveringslogg' }).click();
      const log = item.getByRole('table');
      await log.getByText('Levert').first().waitFor();
      await expect(log.textContent()).resolves.toContain('Overbelegg · Nytt varsel');
      await axeClean(page);
      await screenshot(page, 'varslinger-leveringslogg');
      await phoneScreenshot(page, 'varslinger-leveringslogg');

      // Deleting keeps focus in the section and says so.
      await item.getByRole('button', { name: `Slett webhook til ${receiverUrl}` }).click();
      await page.getByTestId('action-success').filter({ hasText: 'er slettet' }).waitFor();
      await expect(page.evaluate<string>('document.activeElement?.id ?? ""')).resolves.toBe(
        'webhooks-heading',
      );
      await page.getByText('Ingen webhooks er registrert.').waitFor();
    } finally {
      await context.close();
    }
  }, 120_000);

  it('shows institution staff their e-mail subscriptions only, for their institution', async () => {
    const context = await browser.newContext({
      baseURL: stack.gatewayUrl,
      viewport: { width: 1280, height: 900 },
      locale: 'nb-NO',
    });
    try {
      const page = await context.newPage();
      await signIn(page, 'Institusjon', { institution: 'E2E Varselhuset' });
      await page.goto('/varslinger');
      await page.getByRole('heading', { level: 1, name: 'Varslinger' }).waitFor();
      await page.waitForLoadState('networkidle');
      await page.getByText('Gjelder: Institusjon E2E Varselhuset').waitFor();
      await expect(page.getByRole('heading', { name: 'Webhooks for virksomheten' }).count()).resolves.toBe(0);
      await axeClean(page);
    } finally {
      await context.close();
    }
  }, 60_000);
});
