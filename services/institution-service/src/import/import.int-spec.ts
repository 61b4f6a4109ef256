/**
 * Issue 17 against a real process, PostgreSQL and Kafka: a good folder imported through
 * `POST /api/institutions/import` becomes rows and `unit.occupancy-changed` events in effective-time order;
 * the same folder again changes nothing; a broken folder's refused rows are listed with file, line and
 * reason, nothing of them is applied, and the rest is applied once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signDevToken } from '@plass/auth';
import {
  IMPORT_FILES,
  TOPICS,
  unitOccupancyChanged,
  type ImportJobDto,
  type UnitOccupancyChangedEvent,
} from '@plass/contracts';
import { databaseUrl } from '@plass/persistence';
import { eventually, startKafkaProbe, startTestStack, type KafkaProbe, type TestStack } from '@plass/testing';
import { Client } from 'pg';

const U1 = '11111111-1111-4111-8111-000000000001';
const U2 = '11111111-1111-4111-8111-000000000002';
const U3 = '11111111-1111-4111-8111-000000000003';

describe('history import', () => {
  let stack: TestStack;
  let probe: KafkaProbe<UnitOccupancyChangedEvent>;
  let db: Client;
  let token: string;

  async function importFolder(folder: string): Promise<{ response: Response; job: ImportJobDto }> {
    const form = new FormData();
    for (const file of IMPORT_FILES) {
      const content = readFileSync(join(__dirname, 'fixtures', folder, `${file}.csv`));
      form.append(file, new Blob([content], { type: 'text/csv' }), `${file}.csv`);
    }
    const base = stack.urlOf('institution-service');
    const response = await fetch(`${base}/api/institutions/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    const job = await eventually(
      async () => {
        const answer = await fetch(`${base}/api/institutions/imports/${id}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const body = (await answer.json()) as ImportJobDto;
        expect(body.status).toBe('done');
        return body;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    return { response, job };
  }

  const count = async (sql: string, params: unknown[] = []) =>
    Number(((await db.query(sql, params)).rows[0] as { n: string }).n);
  const unitRow = async (id: string) =>
    (
      await db.query(
        'SELECT capacity, occupied, blocked, sequence::int AS sequence FROM unit WHERE id = $1',
        [id],
      )
    ).rows[0] as { capacity: number; occupied: number; blocked: number; sequence: number } | undefined;

  beforeAll(async () => {
    stack = await startTestStack({ only: ['institution-service'] });
    probe = await startKafkaProbe(stack.messaging, TOPICS.institutionOccupancy, {
      parse: (value) => unitOccupancyChanged.parse(value),
    });
    token = await signDevToken({
      sub: 'admin-import',
      roles: ['admin'],
      institutionIds: [],
      districtCode: null,
    });
    db = new Client({
      connectionString: databaseUrl(
        stack.settings.databaseUrl,
        `${stack.settings.databasePrefix}_institution`,
      ),
    });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await probe?.stop();
    await stack?.dispose();
  });

  it('imports a good folder as the changes it holds, in effective-time order, through the outbox', async () => {
    const { response, job } = await importFolder('good');
    expect(response.headers.get('location')).toBe(`/api/institutions/imports/${job.id}`);
    expect(job.refusedTotal).toBe(0);
    expect(job.rows).toEqual({ total: 10, done: 10 });
    expect(IMPORT_FILES.map((f) => job.files[f].applied)).toEqual([2, 3, 3, 2]);

    const events = await probe.waitFor((e) => e.subject === U1 || e.subject === U2, {
      count: 11,
      timeoutMs: 20_000,
    });
    const ofU1 = events.filter((e) => e.subject === U1).sort((a, b) => a.sequence - b.sequence);
    expect(ofU1.map((e) => [e.sequence, e.data.change.kind, e.data.occupied, e.data.capacity])).toEqual([
      [1, 'registered', 0, 8],
      [2, 'admission', 1, 8],
      [3, 'admission', 2, 8],
      [4, 'discharge', 1, 8],
      [5, 'block', 1, 8],
      [6, 'unblock', 1, 8],
      [7, 'capacity', 1, 10],
    ]);
    expect(ofU1[0].data.change.effectiveAt).toBe('2023-12-31T23:00:00.000Z');
    expect(ofU1[1].data.change).toMatchObject({
      stayId: '33333333-3333-4333-8333-000000000001',
      effectiveAt: '2024-02-01T09:00:00.000Z',
    });
    expect(ofU1[0].data.institutionName).toBe('Importheimen');
    expect(await unitRow(U1)).toEqual({ capacity: 10, occupied: 1, blocked: 0, sequence: 7 });
    expect(await unitRow(U2)).toEqual({ capacity: 12, occupied: 0, blocked: 1, sequence: 4 });
    expect(await count('SELECT count(*) AS n FROM stay WHERE unit_id = ANY($1::uuid[])', [[U1, U2]])).toBe(3);
    // In the audit trail like every admin write: who and which route, never the files.
    await eventually(async () =>
      expect(
        (
          await db.query(
            `SELECT actor, outcome, status FROM audit_entry WHERE action = 'POST /api/institutions/import'`,
          )
        ).rows,
      ).toContainEqual({ actor: 'admin-import', outcome: 'success', status: 202 }),
    );
  });

  it('changes nothing when the same folder is imported again', async () => {
    const outboxBefore = await count('SELECT count(*) AS n FROM outbox');
    const { job } = await importFolder('good');
    expect(job.refusedTotal).toBe(0);
    expect(IMPORT_FILES.map((f) => job.files[f])).toEqual(
      [2, 3, 3, 2].map((total) => ({ total, applied: 0, unchanged: total, refused: 0 })),
    );
    expect(await count('SELECT count(*) AS n FROM outbox')).toBe(outboxBefore);
    expect(await unitRow(U1)).toEqual({ capacity: 10, occupied: 1, blocked: 0, sequence: 7 });
  });

  it('lists a broken folder’s refused rows with reasons, applies none of them and the rest once', async () => {
    const { job } = await importFolder('broken');
    expect(job.refused.map((r) => `${r.file}:${r.line}`)).toEqual([
      'units:3',
      'units:4',
      'capacity:3',
      'stays:3',
      'stays:4',
      'stays:5',
      'stays:6',
      'stays:7',
      'blocks:3',
    ]);
    expect(job.refused.find((r) => r.file === 'stays' && r.line === 6)?.reason).toBe(
      'stay 33333333-3333-4333-8333-000000000001 exists with other values',
    );
    expect(job.refused.every((r) => r.reason.length > 10)).toBe(true);
    expect(job.refused.map((r) => r.code)).toEqual([
      'INVALID_VALUE',
      'INVALID_VALUE',
      'UNIT_REFUSED',
      'UNIT_UNKNOWN',
      'INVALID_VALUE',
      'INVALID_VALUE',
      'STAY_EXISTS_DIFFERENT',
      'DUPLICATE_ID',
      'INVALID_VALUE',
    ]);
    expect(job.refused.find((r) => r.file === 'stays' && r.line === 6)?.params).toEqual({
      stayId: '33333333-3333-4333-8333-000000000001',
    });
    expect(IMPORT_FILES.map((f) => [job.files[f].applied, job.files[f].refused])).toEqual([
      [1, 2],
      [1, 1],
      [2, 5],
      [1, 1],
    ]);
    // Nothing of a refused row: no unit 4 or 5, the good folder's stay kept its reason, no stay 12–14.
    expect(await count('SELECT count(*) AS n FROM unit WHERE id = ANY($1::uuid[])', [[U3]])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM unit')).toBe(3);
    expect(
      (await db.query(`SELECT discharge_reason FROM stay WHERE id = '33333333-3333-4333-8333-000000000001'`))
        .rows[0],
    ).toEqual({ discharge_reason: 'planned' });
    expect(await count('SELECT count(*) AS n FROM stay WHERE unit_id = $1', [U3])).toBe(2);
    expect(await count('SELECT count(*) AS n FROM block WHERE unit_id = $1', [U3])).toBe(1);
    // registered, two admissions, a discharge, a block and its lifting: once each.
    const ofU3 = await probe.waitFor((e) => e.subject === U3, { count: 6, timeoutMs: 20_000 });
    expect(ofU3.map((e) => e.data.change.kind).sort()).toEqual(
      ['admission', 'admission', 'block', 'discharge', 'registered', 'unblock'].sort(),
    );
    expect(await unitRow(U3)).toEqual({ capacity: 5, occupied: 1, blocked: 0, sequence: 6 });

    const again = await importFolder('broken');
    expect(again.job.refusedTotal).toBe(9);
    expect(IMPORT_FILES.map((f) => again.job.files[f].applied)).toEqual([0, 0, 0, 0]);
    expect(await unitRow(U3)).toEqual({ capacity: 5, occupied: 1, blocked: 0, sequence: 6 });
  });

  it('refuses an import without files and a non-admin', async () => {
    const base = stack.urlOf('institution-service');
    const empty = await fetch(`${base}/api/institutions/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: new FormData(),
    });
    expect(empty.status).toBe(400);
    const staff = await signDevToken({
      sub: 'staff-import',
      roles: ['district-staff'],
      institutionIds: [],
      districtCode: '030101',
    });
    const form = new FormData();
    form.append('units', new Blob(['unitId\n']), 'units.csv');
    const refused = await fetch(`${base}/api/institutions/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}` },
      body: form,
    });
    expect(refused.status).toBe(403);
  });
});
