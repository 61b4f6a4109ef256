/**
 * `npm run reconcile` and `npm run rebuild` against the whole stack, run as the commands they are
 * (child processes, as an operator would run them): reconcile finds no drift, then the drift of a
 * corrupted read model; rebuild refuses while the service runs, and a rebuild replays the topics into
 * the same aggregates and repairs the drift. The steps build on each other, in order.
 */
import { spawn } from 'node:child_process';
import { signDevToken } from '@plass/auth';
import {
  getCapacitySnapshot,
  listCapacityUnits,
  TOPICS,
  type AdmissionResultDto,
  type InstitutionDto,
  type UnitDto,
} from '@plass/contracts';
import { kafkaSaslEnv } from '@plass/messaging';
import { databaseUrl } from '@plass/persistence';
import {
  ApiClient,
  eventually,
  expectStatus,
  institutionFactory,
  startTestStack,
  unitFactory,
  WORKSPACE_ROOT,
  type TestStack,
} from '@plass/testing';
import { Client } from 'pg';
import { HOUSING_CONSUMER_GROUP } from '../src/housing/housing-projection.service';
import { CONSUMER_GROUP } from '../src/projection/occupancy-projection.service';
import { capacityClient } from './contract-client';

interface ToolRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runTool(script: string, env: Record<string, string>): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', script], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Everything the read model derives from the topics, without what legitimately differs after a replay. */
const DUMPS = {
  scopeTotals:
    'SELECT scope_key, scope, scope_id, name, capacity, occupied, blocked, reserved, free, over_capacity FROM scope_totals ORDER BY scope_key',
  unitState: 'SELECT * FROM unit_state ORDER BY unit_id',
  occupancyEvent: 'SELECT * FROM occupancy_event ORDER BY unit_id, sequence',
  stay: 'SELECT * FROM stay ORDER BY stay_id',
  scopeHistory: `SELECT scope_key, unit_id, sequence, at, capacity_delta, occupied_delta, blocked_delta, reserved_delta,
                       free_delta, over_capacity_delta
                   FROM scope_history ORDER BY scope_key, unit_id, sequence`,
};

describe('reconcile and rebuild of the capacity read model', () => {
  let stack: TestStack;
  let admin: ApiClient;
  let db: Client;
  let units: UnitDto[];
  let valle: InstitutionDto;
  let before: Record<keyof typeof DUMPS, string>;
  let versionsBefore: Map<string, number>;

  async function quiet(): Promise<void> {
    await eventually(
      async () => {
        expect(await stack.messaging.consumerLag(CONSUMER_GROUP, TOPICS.institutionOccupancy)).toBe(0);
        expect(await stack.messaging.consumerLag(HOUSING_CONSUMER_GROUP, TOPICS.housingAvailability)).toBe(0);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  }

  async function dump(): Promise<Record<keyof typeof DUMPS, string>> {
    const dumped: Record<string, string> = {};
    for (const [name, sql] of Object.entries(DUMPS))
      dumped[name] = JSON.stringify((await db.query(sql)).rows);
    return dumped;
  }

  async function versions(): Promise<Map<string, number>> {
    const { rows } = await db.query<{ scope_key: string; version: string }>(
      'SELECT scope_key, version FROM scope_totals',
    );
    return new Map(rows.map((r) => [r.scope_key, Number(r.version)]));
  }

  const reconcileCli = () =>
    runTool('tools/src/capacity/reconcile.ts', {
      GATEWAY_URL: stack.gatewayUrl,
      RECONCILE_SETTLE_MS: '1000',
    });
  const rebuildCli = () =>
    runTool('tools/src/capacity/rebuild.ts', {
      DATABASE_URL: stack.settings.databaseUrl,
      CAPACITY_DB: `${stack.settings.databasePrefix}_capacity`,
      CAPACITY_URL: stack.urlOf('capacity-service'),
      KAFKA_BROKERS: stack.settings.kafkaBrokers,
      KAFKA_TOPIC_PREFIX: stack.settings.kafkaTopicPrefix,
      ...kafkaSaslEnv(stack.settings.kafkaCredentials.ops),
    });

  beforeAll(async () => {
    stack = await startTestStack();
    admin = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }),
    );
    db = new Client({
      connectionString: databaseUrl(stack.settings.databaseUrl, `${stack.settings.databasePrefix}_capacity`),
    });
    await db.connect();

    const holmen = expectStatus(
      await admin.post<InstitutionDto>(
        '/api/institutions',
        institutionFactory().name('Holmen').district('030107').build(),
      ),
      201,
    );
    valle = expectStatus(
      await admin.post<InstitutionDto>(
        '/api/institutions',
        institutionFactory().name('Valle bosenter').providerType('nonprofit').district('030113').build(),
      ),
      201,
    );
    units = [
      expectStatus(
        await admin.post<UnitDto>(
          `/api/institutions/${holmen.id}/units`,
          unitFactory().name('Holmen 1').category('resource-centre').capacity(10).build(),
        ),
        201,
      ),
      expectStatus(
        await admin.post<UnitDto>(
          `/api/institutions/${holmen.id}/units`,
          unitFactory()
            .name('Holmen akutt')
            .category('acute')
            .capacity(4)
            .features('wheelchair', 'women-only')
            .build(),
        ),
        201,
      ),
      expectStatus(
        await admin.post<UnitDto>(
          `/api/institutions/${valle.id}/units`,
          unitFactory().name('Valle korttid').category('assessment-drugfree').capacity(6).build(),
        ),
        201,
      ),
    ];
    const stays: string[] = [];
    for (const [unit, count] of [
      [units[0], 4],
      [units[1], 3],
      [units[2], 2],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const admitted = expectStatus(
          await admin.post<AdmissionResultDto>(`/api/units/${unit.id}/admissions`, {
            referringDistrictCode: i % 2 === 0 ? '030103' : '030101',
            ...(i === 0
              ? { plannedDischargeDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) }
              : {}),
          }),
          201,
        );
        stays.push(admitted.stayId);
      }
    }
    expectStatus(
      await admin.post(`/api/units/${units[0].id}/discharges`, { stayId: stays[1], reason: 'own-housing' }),
      200,
    );
    expectStatus(
      await admin.post(`/api/units/${units[1].id}/blocks`, { places: 1, reason: 'maintenance' }),
      201,
    );
    expectStatus(
      await admin.post(`/api/units/${units[2].id}/reservations`, {
        districtCode: '030113',
        expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      }),
      201,
    );
    // Features (ADR 0154): from the registration of units[1], and a change of their own for units[2]
    // (whose institution's rename follows: the read model keeps them through events of other kinds).
    expectStatus(
      await admin.request('PUT', `/api/units/${units[2].id}/features`, {
        features: ['co-occurring', 'couple'],
      }),
      200,
    );
    // Renames (ADR 0111) are part of what reconcile compares and rebuild replays.
    expectStatus(
      await admin.request('PATCH', `/api/institutions/${valle.id}`, { name: 'Valle bosenter nord' }),
      200,
    );
    expectStatus(
      await admin.request('PATCH', `/api/units/${units[0].id}`, { name: 'Holmen ressurssenter' }),
      200,
    );
    await quiet();
  }, 240_000);

  afterAll(async () => {
    await db?.end();
    await stack?.dispose();
  });

  it('shows renamed units and institutions in the read model, change kind renamed', async () => {
    const capacity = capacityClient(
      stack.gatewayUrl,
      await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }),
    );
    const listed = await capacity.call(listCapacityUnits, {});
    expect(listed.find((u) => u.id === units[0].id)).toMatchObject({
      name: 'Holmen ressurssenter',
      institutionName: 'Holmen',
      lastChangeKind: 'renamed',
    });
    expect(listed.find((u) => u.id === units[2].id)).toMatchObject({
      name: 'Valle korttid',
      institutionName: 'Valle bosenter nord',
      lastChangeKind: 'renamed',
    });
    const institution = await capacity.call(getCapacitySnapshot, {
      query: { scope: 'institution', id: valle.id },
    });
    expect(institution).toMatchObject({ name: 'Valle bosenter nord', totals: { capacity: 6 } });
    const unit = await capacity.call(getCapacitySnapshot, { query: { scope: 'unit', id: units[0].id } });
    expect(unit.name).toBe('Holmen ressurssenter');
  });

  it('lists each unit with the features its latest event carried (ADR 0154)', async () => {
    const capacity = capacityClient(
      stack.gatewayUrl,
      await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }),
    );
    const listed = await capacity.call(listCapacityUnits, {});
    expect(units.map((unit) => listed.find((u) => u.id === unit.id)?.features)).toEqual([
      [],
      ['women-only', 'wheelchair'],
      ['couple', 'co-occurring'],
    ]);
  });

  it('finds no drift when the read model agrees with the source (exit code 0)', async () => {
    before = await dump();
    versionsBefore = await versions();
    const run = await reconcileCli();
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Units: 3 in the source, 3 in the read model.');
    expect(run.stdout).toContain('No drift');
    expect(run.code).toBe(0);
  });

  it('prints the drift of each unit when the read model is corrupted (exit code 1)', async () => {
    await db.query(
      'UPDATE unit_state SET occupied = occupied + 1, sequence = sequence - 1 WHERE unit_id = $1',
      [units[0].id],
    );
    const run = await reconcileCli();
    expect(run.code).toBe(1);
    const rows = run.stdout.split('\n').filter((line) => line.includes(units[0].id));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^Holmen\s+Holmen ressurssenter\s+\S+\s+sequence\s+\d+\s+\d+$/);
    expect(rows[1]).toMatch(/^Holmen\s+Holmen ressurssenter\s+\S+\s+occupied\s+4\s+3$/);
    expect(run.stdout).toContain('npm run rebuild');
  });

  it('says so when it cannot reach the stack (exit code 2)', async () => {
    const run = await runTool('tools/src/capacity/reconcile.ts', {
      GATEWAY_URL: 'http://127.0.0.1:9',
      RECONCILE_SETTLE_MS: '0',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Cannot reconcile: cannot reach http:\/\/127\.0\.0\.1:9/);
  });

  it('refuses to rebuild while the capacity service runs (exit code 1)', async () => {
    const run = await rebuildCli();
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Refused: the capacity service answers at/);
    expect(await db.query('SELECT 1 FROM unit_state')).toHaveProperty('rowCount', 3);
  });

  it('rebuilds the same aggregates from the topics, with versions that only rise, and repairs the drift', async () => {
    await stack.kill('capacity-service', 'SIGTERM');
    const run = await rebuildCli();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Tables emptied: .*unit_state/);
    expect(run.stdout).toMatch(/institution\.occupancy\.v1 is replayed from the start/);
    expect((await db.query('SELECT 1 FROM unit_state')).rowCount).toBe(0);

    await stack.startService('capacity-service');
    await quiet();

    const after = await dump();
    for (const name of Object.keys(DUMPS) as (keyof typeof DUMPS)[]) {
      // unit_state was corrupted after `before` was taken; the rebuild must give the original back.
      expect(`${name}: ${after[name]}`).toBe(`${name}: ${before[name]}`);
    }
    const versionsAfter = await versions();
    for (const [key, version] of versionsBefore) expect(versionsAfter.get(key)).toBeGreaterThan(version);

    const reader = capacityClient(
      stack.gatewayUrl,
      await signDevToken({ roles: ['intake'], institutionIds: [], districtCode: null }),
    );
    const city = await reader.call(getCapacitySnapshot, { query: { scope: 'city' } });
    expect(city.version).toBe(versionsAfter.get('city'));
    expect(city.totals).toMatchObject({ capacity: 20, occupied: 8, blocked: 1, reserved: 1 });
    expect((await reconcileCli()).code).toBe(0);
  });
});
