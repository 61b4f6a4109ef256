/**
 * The audit trail against the whole stack (issue 16, ADR 0199–0202): an institution worker's admission
 * (201), the same worker's admission to another institution's unit (403) and one without a token (401)
 * all appear in the gateway's merged `GET /api/audit` with actor, role and outcome; the CSV has its
 * header; only an administrator may read the trail; the database refuses to change an entry; and
 * «Revisjonslogg» shows the entries in a browser without a WCAG 2.1 A/AA violation.
 */
import { signDevToken } from '@plass/auth';
import type { AuditLogEntry, InstitutionDto, UnitDto } from '@plass/contracts';
import {
  ApiClient,
  eventually,
  expectStatus,
  institutionFactory,
  startTestStack,
  unitFactory,
  type TestStack,
} from '@plass/testing';
import { AuditRepository } from '@plass/service-kit';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Browser } from 'playwright-core';
import {
  DESKTOP_VIEWPORT,
  ensureWebDist,
  launch,
  phoneScreenshot,
  screenshot,
  signIn,
  violationsOnDesktopAndPhone,
} from './browser';

const STAFF_SUB = 'audit-e2e-staff';

describe('the audit trail', () => {
  let stack: TestStack;
  let admin: ApiClient;
  let staff: ApiClient;
  let anonymous: ApiClient;
  let own: UnitDto;
  let foreign: UnitDto;
  let browser: Browser | undefined;

  const unitIn = async (institution: InstitutionDto, name: string): Promise<UnitDto> =>
    expectStatus(
      await admin.post<UnitDto>(
        `/api/institutions/${institution.id}/units`,
        unitFactory().name(name).category('acute').capacity(4).build(),
      ),
      201,
    );

  beforeAll(async () => {
    ensureWebDist();
    stack = await startTestStack();
    admin = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({
        sub: 'audit-e2e-admin',
        roles: ['admin'],
        institutionIds: [],
        districtCode: null,
      }),
    );
    const mine = expectStatus(
      await admin.post<InstitutionDto>(
        '/api/institutions',
        institutionFactory().name('Revisjon Eget hus').district('030101').build(),
      ),
      201,
    );
    const theirs = expectStatus(
      await admin.post<InstitutionDto>(
        '/api/institutions',
        institutionFactory().name('Revisjon Annet hus').district('030102').build(),
      ),
      201,
    );
    own = await unitIn(mine, 'Egen post');
    foreign = await unitIn(theirs, 'Annen post');
    staff = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({
        sub: STAFF_SUB,
        roles: ['institution-staff'],
        institutionIds: [mine.id],
        districtCode: null,
      }),
    );
    anonymous = new ApiClient(stack.gatewayUrl);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.dispose();
  });

  const trail = async (query: string): Promise<AuditLogEntry[]> =>
    expectStatus(await admin.get<AuditLogEntry[]>(`/api/audit?${query}`), 200);

  it('records a write and refused writes with actor, role and outcome', async () => {
    const admission = { referringDistrictCode: '030102' };
    expectStatus(await staff.post(`/api/units/${own.id}/admissions`, admission), 201);
    expectStatus(await staff.post(`/api/units/${foreign.id}/admissions`, admission), 403);
    expectStatus(await anonymous.post(`/api/units/${foreign.id}/admissions`, admission), 401);

    const action = 'POST /api/units/:unitId/admissions';
    await eventually(
      async () => {
        const mine = await trail(`target=${own.id}`);
        expect(mine).toContainEqual(
          expect.objectContaining({
            service: 'institution-service',
            actor: STAFF_SUB,
            role: 'institution-staff',
            action,
            target: `unit:${own.id}`,
            outcome: 'success',
            status: 201,
          }),
        );
        const theirs = await trail(`target=unit:${foreign.id}`);
        expect(theirs).toContainEqual(
          expect.objectContaining({
            actor: STAFF_SUB,
            role: 'institution-staff',
            action,
            target: `unit:${foreign.id}`,
            outcome: 'refused',
            status: 403,
          }),
        );
        expect(theirs).toContainEqual(
          expect.objectContaining({ actor: null, role: null, action, outcome: 'refused', status: 401 }),
        );
      },
      { timeoutMs: 10_000 },
    );

    // The actor filter: only the worker's own entries, the newest first.
    const byStaff = await trail(`actor=${STAFF_SUB}`);
    expect(byStaff.map((e) => e.status)).toEqual([403, 201]);
    // The administrator's registrations are there too, with the admin role.
    const registrations = await trail('actor=audit-e2e-admin');
    expect(registrations.filter((e) => e.action === 'POST /api/institutions')).toHaveLength(2);
    expect(registrations.every((e) => e.role === 'admin' && e.outcome === 'success')).toBe(true);
  });

  it('answers CSV with its header', async () => {
    const response = await admin.get<string>(`/api/audit?format=csv&actor=${STAFF_SUB}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('tidspunkt;tjeneste;aktør;rolle;handling;mål;utfall;status;korrelasjons-id');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(';avvist;403;');
  });

  it('lets only an administrator read the trail', async () => {
    expectStatus(await staff.get('/api/audit'), 403);
    expectStatus(await anonymous.get('/api/audit'), 401);
    const district = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({ roles: ['district-staff'], institutionIds: [], districtCode: '030101' }),
    );
    expectStatus(await district.get('/api/audit'), 403);
  });

  it('has the database refuse to change or remove an entry', async () => {
    const client = new Client({
      connectionString: `${stack.settings.databaseUrl}/${stack.settings.databasePrefix}_institution`,
    });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM audit_entry');
      expect(rowCount).toBeGreaterThan(0);
      await expect(client.query("UPDATE audit_entry SET actor = 'someone-else'")).rejects.toThrow(
        /append-only: UPDATE refused/,
      );
      await expect(client.query('DELETE FROM audit_entry')).rejects.toThrow(/append-only: DELETE refused/);
      // Not even with the purge's setting: every entry is younger than the retention.
      await client.query('BEGIN');
      await client.query("SELECT set_config('plass.audit_retention_days', '1', true)");
      await expect(client.query('DELETE FROM audit_entry')).rejects.toThrow(/append-only/);
      await client.query('ROLLBACK');
      await expect(client.query('TRUNCATE audit_entry')).rejects.toThrow(/append-only: TRUNCATE refused/);
      // The purge's way out: with the retention named, an entry older than it may go, and only that one.
      const {
        rows: [old],
      } = await client.query<{ id: string }>(
        `INSERT INTO audit_entry (at, actor, action, outcome, status)
         VALUES (now() - interval '10 days', 'someone', 'POST /api/x', 'success', 201) RETURNING id`,
      );
      await client.query('BEGIN');
      await client.query("SELECT set_config('plass.audit_retention_days', '5', true)");
      const purged = await client.query('DELETE FROM audit_entry WHERE id = $1', [old.id]);
      await client.query('COMMIT');
      expect(purged.rowCount).toBe(1);
      const { rows } = await client.query<{ actor: string | null }>(
        'SELECT DISTINCT actor FROM audit_entry WHERE actor = $1',
        [STAFF_SUB],
      );
      expect(rows).toEqual([{ actor: STAFF_SUB }]);
    } finally {
      await client.end();
    }
  });

  it('purges only the entries past the retention, one replica at a time', async () => {
    const url = `${stack.settings.databaseUrl}/${stack.settings.databasePrefix}_housing`;
    const dataSource = await new DataSource({ type: 'postgres', url }).initialize();
    const locker = new Client({ connectionString: url });
    await locker.connect();
    try {
      await dataSource.query(
        `INSERT INTO audit_entry (at, actor, action, outcome, status)
         VALUES (now() - interval '40 days', 'old', 'POST /api/x', 'success', 201),
                (now() - interval '20 days', 'middle', 'POST /api/x', 'success', 201),
                (now(), 'new', 'POST /api/x', 'success', 201)`,
      );
      const entries = new AuditRepository(dataSource);
      // Another replica purging right now: this one skips its round.
      await locker.query('BEGIN');
      await locker.query("SELECT pg_advisory_xact_lock(hashtext('audit-retention-purge'))");
      await expect(entries.purge(30)).resolves.toBeNull();
      await locker.query('ROLLBACK');
      await expect(entries.purge(30)).resolves.toBe(1);
      const left = await entries.list({ actor: undefined, limit: 10 });
      expect(
        left.map((e) => e.actor).filter((a) => a !== null && ['old', 'middle', 'new'].includes(a)),
      ).toEqual(['new', 'middle']);
    } finally {
      await locker.end();
      await dataSource.destroy();
    }
  });

  it('shows «Revisjonslogg» to the administrator, filtered by actor', async () => {
    browser = await launch();
    const context = await browser.newContext({
      baseURL: stack.gatewayUrl,
      viewport: DESKTOP_VIEWPORT,
      locale: 'nb-NO',
    });
    try {
      const page = await context.newPage();
      await signIn(page, 'Administrator');
      await page
        .getByRole('navigation', { name: 'Hovedmeny' })
        .getByRole('link', { name: 'Revisjonslogg' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Revisjonslogg' }).waitFor();
      await page.getByLabel('Aktør').fill(STAFF_SUB);
      await page.getByRole('button', { name: 'Vis logg' }).click();
      const rows = page.getByTestId('audit-table').locator('tbody tr');
      await rows.nth(1).waitFor();
      await expect(rows.count()).resolves.toBe(2);
      await expect(rows.nth(0).textContent()).resolves.toMatch(/Avvist \(HTTP 403\)/);
      await expect(rows.nth(1).textContent()).resolves.toMatch(/Utført \(HTTP 201\)/);
      await expect(rows.nth(1).textContent()).resolves.toContain(`unit:${own.id}`);
      expect(await violationsOnDesktopAndPhone(page)).toEqual([]);
      await screenshot(page, 'revisjon');
      await phoneScreenshot(page, 'revisjon');
    } finally {
      await context.close();
    }
  }, 60_000);
});
