/**
 * The read side on the effective time line (ADRs 0215, 0216), through Kafka, the projection and the REST
 * answers: two units with the same March 2024, one told in effective order, the other told late — a night
 * admission recorded the next morning, an admission recorded ten days after it took effect (after a later
 * discharge), and corrections of an admission, a discharge and a block. The utilisation report, the
 * history, the indicators and the stays must be the same for both, and a rebuild from the topics must
 * give the same tables and answers again.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { signDevToken } from '@plass/auth';
import {
  createEvent,
  getCapacityHistory,
  getCapacityIndicators,
  getUtilizationReport,
  TOPICS,
  UNIT_OCCUPANCY_CHANGED,
  UNIT_OCCUPANCY_CHANGED_SCHEMA,
  type ContractClient,
  type OccupancyChange,
} from '@plass/contracts';
import { zonedDayStart, type ServiceCategoryCode } from '@plass/domain';
import { EventProducer, kafkaSaslEnv, type OutgoingMessage } from '@plass/messaging';
import { databaseUrl } from '@plass/persistence';
import { eventually, startTestStack, WORKSPACE_ROOT, type TestStack } from '@plass/testing';
import { Client } from 'pg';
import { capacityClient } from '../test/contract-client';
import { CONSUMER_GROUP } from './projection/occupancy-projection.service';

const HOUR = 3_600_000;
/** An instant on the Oslo wall clock, as the contract writes it: midnight of `date` plus `hours`. */
const oslo = (date: string, hours = 0) => new Date(zonedDayStart(date) + hours * HOUR).toISOString();

interface Step {
  /** When it was recorded (the event's time). */
  time: string;
  occupied: number;
  blocked?: number;
  change: OccupancyChange;
}

function unitEvents(unitId: string, category: ServiceCategoryCode, steps: Step[]): OutgoingMessage[] {
  return steps.map((step, i) => {
    const blocked = step.blocked ?? 0;
    const event = createEvent({
      source: '/institution-service',
      type: UNIT_OCCUPANCY_CHANGED,
      subject: unitId,
      sequence: i + 1,
      time: new Date(step.time),
      dataschema: UNIT_OCCUPANCY_CHANGED_SCHEMA,
      data: {
        unitId,
        unitName: `Post ${category}`,
        institutionId: INSTITUTION_ID,
        institutionName: 'Nattly',
        category,
        providerType: 'municipal',
        districtCode: '030101',
        capacity: 4,
        occupied: step.occupied,
        blocked,
        reserved: 0,
        available: 4 - step.occupied - blocked,
        closed: false,
        change: step.change,
      },
    });
    return { topic: TOPICS.institutionOccupancy, key: unitId, value: JSON.stringify(event) };
  });
}

const INSTITUTION_ID = randomUUID();
const late = randomUUID();
const inOrder = randomUUID();
const [s1, s2, s3, t1, t2, t3] = Array.from({ length: 6 }, () => randomUUID());
const blockId = randomUUID();
const admission = (stayId: string, effectiveAt?: string): OccupancyChange => ({
  kind: 'admission',
  stayId,
  referringDistrictCode: '030101',
  ...(effectiveAt ? { effectiveAt } : {}),
});
const discharge = (stayId: string): OccupancyChange => ({
  kind: 'discharge',
  stayId,
  dischargeReason: 'own-housing',
});

// Used: s1 from 4 March 23:00 to 20 March (15 days and an hour), s2 from 8 March (24 days), s3 from
// 15 March (17 days); one place blocked from 21 March (11 days); 4 places for 31 days.
const LATE = unitEvents(late, 'acute', [
  { time: oslo('2024-03-01'), occupied: 0, change: { kind: 'registered' } },
  // A night admission recorded the next morning.
  { time: oslo('2024-03-05', 8), occupied: 1, change: admission(s1, oslo('2024-03-04', 23)) },
  { time: oslo('2024-03-10'), occupied: 2, change: admission(s2) },
  { time: oslo('2024-03-21'), occupied: 1, change: discharge(s1) },
  {
    time: oslo('2024-03-22', 6),
    occupied: 1,
    change: {
      kind: 'corrected',
      stayId: s2,
      effectiveAt: oslo('2024-03-08'),
      correction: { of: 'admission', previousEffectiveAt: oslo('2024-03-10'), reason: 'typing-error' },
    },
  },
  // Recorded ten days late: after the discharge of the 20th in sequence, before it in effect.
  { time: oslo('2024-03-25'), occupied: 2, change: admission(s3, oslo('2024-03-15')) },
  {
    time: oslo('2024-03-26'),
    occupied: 2,
    blocked: 1,
    change: { kind: 'block', places: 1, reason: 'staffing', blockId },
  },
  {
    time: oslo('2024-03-27'),
    occupied: 2,
    blocked: 1,
    change: {
      kind: 'corrected',
      places: 1,
      blockId,
      effectiveAt: oslo('2024-03-21'),
      correction: { of: 'block', previousEffectiveAt: oslo('2024-03-26'), reason: 'late-information' },
    },
  },
  {
    time: oslo('2024-03-28'),
    occupied: 2,
    blocked: 1,
    change: {
      kind: 'corrected',
      stayId: s1,
      effectiveAt: oslo('2024-03-20'),
      correction: { of: 'discharge', previousEffectiveAt: oslo('2024-03-21'), reason: 'late-information' },
    },
  },
]);

const IN_ORDER = unitEvents(inOrder, 'coping', [
  { time: oslo('2024-03-01'), occupied: 0, change: { kind: 'registered' } },
  { time: oslo('2024-03-04', 23), occupied: 1, change: admission(t1) },
  { time: oslo('2024-03-08'), occupied: 2, change: admission(t2) },
  { time: oslo('2024-03-15'), occupied: 3, change: admission(t3) },
  { time: oslo('2024-03-20'), occupied: 2, change: discharge(t1) },
  {
    time: oslo('2024-03-21'),
    occupied: 2,
    blocked: 1,
    change: { kind: 'block', places: 1, reason: 'staffing', blockId: randomUUID() },
  },
]);

const MARCH = { from: '2024-03-01', to: '2024-04-01' };
const USED = 15 + 1 / 24 + 24 + 17;
const hundredths = (x: number) => Math.round(x * 100) / 100;

function runRebuild(stack: TestStack): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/src/capacity/rebuild.ts'], {
      cwd: WORKSPACE_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: stack.settings.databaseUrl,
        CAPACITY_DB: `${stack.settings.databasePrefix}_capacity`,
        CAPACITY_URL: stack.urlOf('capacity-service'),
        KAFKA_BROKERS: stack.settings.kafkaBrokers,
        KAFKA_TOPIC_PREFIX: stack.settings.kafkaTopicPrefix,
        ...kafkaSaslEnv(stack.settings.kafkaCredentials.ops),
      },
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

/** The tables the effective time shapes, as a rebuild must give them back byte for byte. */
const DUMPS = {
  stay: 'SELECT * FROM stay ORDER BY stay_id',
  occupancyEvent: 'SELECT * FROM occupancy_event ORDER BY unit_id, sequence',
  scopeHistory: `SELECT scope_key, unit_id, sequence, at, capacity_delta, occupied_delta, blocked_delta,
                        reserved_delta, free_delta, over_capacity_delta
                   FROM scope_history ORDER BY scope_key, unit_id, sequence, at`,
};

describe('the read side on the effective time line', () => {
  let stack: TestStack;
  let producer: EventProducer;
  let capacity: ContractClient;
  let db: Client;

  const quiet = () =>
    eventually(
      async () =>
        expect(await stack.messaging.consumerLag(CONSUMER_GROUP, TOPICS.institutionOccupancy)).toBe(0),
      { timeoutMs: 30_000, intervalMs: 200 },
    );

  /** Everything a reader sees of March, for comparison across a rebuild. */
  async function answers(): Promise<string> {
    const report = await capacity.call(getUtilizationReport, { query: { ...MARCH, groupBy: 'category' } });
    const history = await Promise.all(
      [late, inOrder].map((id) =>
        capacity.call(getCapacityHistory, { query: { scope: 'unit', id, ...MARCH, step: 'day' } }),
      ),
    );
    const indicators = await capacity.call(getCapacityIndicators, { query: MARCH });
    return JSON.stringify({
      report,
      history: history.map((h) => h.points),
      flow: indicators.flow,
      staysOverNorm: indicators.staysOverNorm,
    });
  }

  async function dump(): Promise<Record<string, string>> {
    const dumped: Record<string, string> = {};
    for (const [name, sql] of Object.entries(DUMPS))
      dumped[name] = JSON.stringify((await db.query(sql)).rows);
    return dumped;
  }

  beforeAll(async () => {
    stack = await startTestStack({ only: ['capacity-service'] });
    producer = new EventProducer(stack.messaging);
    const token = await signDevToken({ roles: ['intake'], institutionIds: [], districtCode: null });
    capacity = capacityClient(stack.urlOf('capacity-service'), token);
    db = new Client({
      connectionString: databaseUrl(stack.settings.databaseUrl, `${stack.settings.databasePrefix}_capacity`),
    });
    await db.connect();
    await producer.send([...LATE, ...IN_ORDER]);
    await quiet();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await producer?.disconnect();
    await stack?.dispose();
  });

  it('integrates bed-days by effective time: the late unit and the one in order give the same report', async () => {
    const report = await capacity.call(getUtilizationReport, { query: { ...MARCH, groupBy: 'category' } });
    const expected = {
      possibleBedDays: 124,
      usedBedDays: hundredths(USED),
      blockedBedDays: 11,
      unusedBedDays: hundredths(124 - USED - 11),
    };
    const [acute, coping] = ['acute', 'coping'].map((key) => report.groups.find((g) => g.key === key));
    expect(acute).toMatchObject(expected);
    expect({ ...coping, key: 'acute', name: acute?.name }).toEqual(acute);
  });

  it('keeps the stays at their effective (and corrected) times', async () => {
    const { rows } = await db.query<{ stay_id: string; admitted_at: Date; discharged_at: Date | null }>(
      'SELECT stay_id, admitted_at, discharged_at FROM stay WHERE unit_id = $1',
      [late],
    );
    const byId = new Map(rows.map((r) => [r.stay_id, r]));
    expect(byId.get(s1)?.admitted_at.toISOString()).toBe(oslo('2024-03-04', 23));
    expect(byId.get(s1)?.discharged_at?.toISOString()).toBe(oslo('2024-03-20'));
    expect(byId.get(s2)?.admitted_at.toISOString()).toBe(oslo('2024-03-08'));
    expect(byId.get(s3)?.admitted_at.toISOString()).toBe(oslo('2024-03-15'));
    expect(byId.get(s3)?.discharged_at).toBeNull();
  });

  it('gives the same history for both units, the night admission in its own hour', async () => {
    const [lateDays, inOrderDays] = await Promise.all(
      [late, inOrder].map((id) =>
        capacity.call(getCapacityHistory, { query: { scope: 'unit', id, ...MARCH, step: 'day' } }),
      ),
    );
    expect(lateDays.points).toHaveLength(31);
    expect(lateDays.points).toEqual(inOrderDays.points);
    const occupied = lateDays.points.map((p) => p.occupied);
    expect([occupied[2], occupied[3], occupied[7], occupied[14], occupied[19], occupied[30]]).toEqual([
      0, 1, 2, 3, 2, 2,
    ]);
    expect(lateDays.points.map((p) => p.blocked)[20]).toBe(1);
    const night = await capacity.call(getCapacityHistory, {
      query: { scope: 'unit', id: late, from: '2024-03-04', to: '2024-03-05', step: 'hour' },
    });
    expect(night.points.map((p) => p.occupied)).toEqual([...Array<number>(23).fill(0), 1]);
  });

  it('counts admissions and discharges on the days they took effect', async () => {
    const indicators = await capacity.call(getCapacityIndicators, { query: MARCH });
    expect(indicators.flow.filter((d) => (d.admissions ?? 0) + (d.discharges ?? 0) > 0)).toEqual([
      { date: '2024-03-04', admissions: 2, discharges: 0 },
      { date: '2024-03-08', admissions: 2, discharges: 0 },
      { date: '2024-03-15', admissions: 2, discharges: 0 },
      { date: '2024-03-20', admissions: 0, discharges: 2 },
    ]);
  });

  it('rebuilds the same stays, history and answers from the topics', async () => {
    const before = await dump();
    const answered = await answers();
    expect(JSON.parse(before.scopeHistory)).not.toHaveLength(0);

    await stack.kill('capacity-service', 'SIGTERM');
    const run = await runRebuild(stack);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((await db.query('SELECT 1 FROM stay')).rowCount).toBe(0);
    await stack.startService('capacity-service');
    await quiet();

    const after = await dump();
    for (const name of Object.keys(DUMPS)) expect(`${name}: ${after[name]}`).toBe(`${name}: ${before[name]}`);
    expect(await answers()).toBe(answered);
  });
});
