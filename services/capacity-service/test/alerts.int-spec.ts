import { randomUUID } from 'node:crypto';
import { signDevToken } from '@plass/auth';
import {
  acknowledgeAlert,
  createEvent,
  getAlert,
  listAlerts,
  parseAlertEvent,
  TOPICS,
  UNIT_OCCUPANCY_CHANGED,
  UNIT_OCCUPANCY_CHANGED_SCHEMA,
  type AlertData,
  type AlertEvent,
  type ChangeKind,
  type ContractClient,
} from '@plass/contracts';
import type { ServiceCategoryCode } from '@plass/domain';
import { BatchConsumer, EventProducer } from '@plass/messaging';
import { ApiClient, eventually, startTestStack, type TestStack } from '@plass/testing';
import { CONSUMER_GROUP } from '../src/projection/occupancy-projection.service';
import { capacityClient } from './contract-client';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

interface UnitRef {
  unitId: string;
  institutionId: string;
  category: ServiceCategoryCode;
  capacity: number;
}

function unitRef(category: ServiceCategoryCode, capacity: number): UnitRef {
  return { unitId: randomUUID(), institutionId: randomUUID(), category, capacity };
}

function occupancyEvent(
  unit: UnitRef,
  sequence: number,
  counts: { occupied: number; reserved?: number },
  change: { kind?: ChangeKind; stayId?: string; time?: Date } = {},
) {
  const reserved = counts.reserved ?? 0;
  const kind = change.kind ?? (sequence === 1 ? 'registered' : 'census');
  const event = createEvent({
    source: '/institution-service',
    type: UNIT_OCCUPANCY_CHANGED,
    subject: unit.unitId,
    sequence,
    dataschema: UNIT_OCCUPANCY_CHANGED_SCHEMA,
    time: change.time,
    data: {
      unitId: unit.unitId,
      unitName: 'Avdeling 1',
      institutionId: unit.institutionId,
      institutionName: `Institusjon ${unit.category}`,
      category: unit.category,
      providerType: 'municipal' as const,
      districtCode: '030107' as const,
      capacity: unit.capacity,
      occupied: counts.occupied,
      blocked: 0,
      reserved,
      available: unit.capacity - counts.occupied - reserved,
      closed: false,
      change: {
        kind,
        ...(change.stayId ? { stayId: change.stayId } : {}),
        ...(kind === 'admission' ? { referringDistrictCode: '030103' as const } : {}),
        ...(kind === 'discharge' ? { dischargeReason: 'planned' as const } : {}),
      },
    },
  });
  return { topic: TOPICS.institutionOccupancy, key: unit.unitId, value: JSON.stringify(event) };
}

describe('alerts against real Kafka and PostgreSQL', () => {
  let stack: TestStack;
  let producer: EventProducer;
  /** Raw requests, for the refusals. */
  let intake: ApiClient;
  /** The same person through the typed client: answers parsed by each route's schema. */
  let intakeCapacity: ContractClient;
  let probe: BatchConsumer<AlertEvent>;
  const published: AlertEvent[] = [];
  const savedEnv = { ...process.env };

  async function quiet(): Promise<void> {
    await eventually(
      async () =>
        expect(await stack.messaging.consumerLag(CONSUMER_GROUP, TOPICS.institutionOccupancy)).toBe(0),
      { timeoutMs: 20_000, intervalMs: 100 },
    );
  }

  /** `code=OVER_CAPACITY&status=open,resolved` as the query string reads, through the typed client. */
  async function alerts(query: string): Promise<AlertData[]> {
    return intakeCapacity.call(listAlerts, { query: Object.fromEntries(new URLSearchParams(query)) });
  }

  async function as(
    user: Parameters<typeof signDevToken>[0],
  ): Promise<{ api: ApiClient; capacity: ContractClient }> {
    const token = await signDevToken(user);
    return { api: intake.withToken(token), capacity: capacityClient(stack.urlOf('capacity-service'), token) };
  }

  beforeAll(async () => {
    // Small schedule, and a 30-minute stale limit for coping units only (the rest keep 24 h).
    process.env.ALERT_SCHEDULE_MS = '200';
    process.env.ALERT_STALE_LIMITS_MS = JSON.stringify({ coping: 30 * 60_000 });
    stack = await startTestStack({ only: ['capacity-service'] });
    producer = new EventProducer(stack.messaging);
    const intakeToken = await signDevToken({
      sub: 'intake-kari',
      roles: ['intake'],
      institutionIds: [],
      districtCode: null,
    });
    intake = new ApiClient(stack.urlOf('capacity-service'), intakeToken);
    intakeCapacity = capacityClient(stack.urlOf('capacity-service'), intakeToken);
    // A fresh group in the stack's namespace reads every alert event the service publishes.
    probe = new BatchConsumer(stack.messaging, {
      groupId: `alerts-probe-${randomUUID()}`,
      topics: [TOPICS.capacityAlerts],
      parse: parseAlertEvent,
      handle: (messages) => {
        published.push(...messages.map((m) => m.value));
        return Promise.resolve();
      },
      deadLetters: producer,
    });
    await probe.start();
  }, 120_000);

  afterAll(async () => {
    process.env = savedEnv;
    await probe?.stop();
    await producer?.disconnect();
    await stack?.dispose();
  });

  it('raises exactly one OVER_CAPACITY alert per unit and institution, and resolves both when back within', async () => {
    const unit = unitRef('reinforced-care', 4);
    await producer.send([
      occupancyEvent(unit, 1, { occupied: 4 }),
      occupancyEvent(unit, 2, { occupied: 5 }, { kind: 'admission', stayId: randomUUID() }),
    ]);
    await quiet();
    const first = await alerts(`code=OVER_CAPACITY&scope=unit:${unit.unitId}`);
    // Still over, a replay of both events, and another admission: the alerts stay the same two, and
    // show the figures of now (ADR 0172: updated, not raised again).
    await producer.send([
      occupancyEvent(unit, 2, { occupied: 5 }),
      occupancyEvent(unit, 1, { occupied: 4 }),
      occupancyEvent(unit, 3, { occupied: 6 }, { kind: 'admission', stayId: randomUUID() }),
    ]);
    await quiet();

    const open = await alerts(`code=OVER_CAPACITY&scope=institution:${unit.institutionId}`);
    expect(open.map((a) => [a.scope, a.status, a.severity]).sort()).toEqual([
      ['institution', 'open', 'critical'],
      ['unit', 'open', 'critical'],
    ]);
    const unitAlert = open.find((a) => a.scope === 'unit');
    expect(unitAlert).toMatchObject({
      scopeKey: `unit:${unit.unitId}`,
      institutionId: unit.institutionId,
      id: first[0].id,
      measured: { capacity: 4, occupied: 6, usable: 4 },
      version: 2,
    });
    expect(unitAlert?.rooms).toEqual(
      expect.arrayContaining([`unit:${unit.unitId}`, `institution:${unit.institutionId}`, 'city']),
    );

    await producer.send([
      occupancyEvent(unit, 4, { occupied: 4 }, { kind: 'discharge', stayId: randomUUID() }),
    ]);
    await quiet();
    expect(await alerts(`code=OVER_CAPACITY&scope=institution:${unit.institutionId}`)).toEqual([]);
    const resolved = await alerts(
      `status=resolved&code=OVER_CAPACITY&scope=institution:${unit.institutionId}`,
    );
    expect(resolved.map((a) => a.id).sort()).toEqual(open.map((a) => a.id).sort());
    expect(resolved.every((a) => a.resolvedAt !== null && a.measured.occupied === 4)).toBe(true);
  });

  it('gives the open alerts of a renamed unit and institution their new names (ADR 0111)', async () => {
    const unit = unitRef('reinforced-care', 2);
    const renamed = occupancyEvent(unit, 3, { occupied: 3 }, { kind: 'renamed' });
    const event = JSON.parse(renamed.value) as { data: { unitName: string; institutionName: string } };
    event.data.unitName = 'Avdeling Nord';
    event.data.institutionName = 'Nytt navn';
    await producer.send([
      occupancyEvent(unit, 1, { occupied: 2 }),
      occupancyEvent(unit, 2, { occupied: 3 }, { kind: 'admission', stayId: randomUUID() }),
    ]);
    await quiet();
    await producer.send([{ ...renamed, value: JSON.stringify(event) }]);
    await quiet();
    const open = await alerts(`code=OVER_CAPACITY&scope=institution:${unit.institutionId}`);
    expect(open.map((a) => [a.scope, a.scopeName, a.version]).sort()).toEqual([
      ['institution', 'Nytt navn', 1],
      ['unit', 'Nytt navn: Avdeling Nord', 1],
    ]);
  });

  it('keeps HIGH_OCCUPANCY open inside the hysteresis band: raised at 0.95, open at 0.92, resolved at 0.89', async () => {
    const unit = unitRef('care-drugfree', 100);
    const categoryAlerts = () =>
      alerts('code=HIGH_OCCUPANCY&scope=category:care-drugfree&status=open,resolved');

    await producer.send([occupancyEvent(unit, 1, { occupied: 95 })]);
    await quiet();
    const raised = await categoryAlerts();
    expect(raised).toEqual([
      expect.objectContaining({ scope: 'category', status: 'open', severity: 'warning' }),
    ]);
    expect(raised[0].measured).toMatchObject({ occupancyRate: 0.95, threshold: 0.95 });
    expect(await alerts(`code=HIGH_OCCUPANCY&scope=institution:${unit.institutionId}`)).toHaveLength(1);

    await producer.send([occupancyEvent(unit, 2, { occupied: 92 })]);
    await quiet();
    expect(await categoryAlerts()).toEqual([expect.objectContaining({ id: raised[0].id, status: 'open' })]);

    await producer.send([occupancyEvent(unit, 3, { occupied: 89 })]);
    await quiet();
    expect(await categoryAlerts()).toEqual([
      expect.objectContaining({
        id: raised[0].id,
        status: 'resolved',
        measured: expect.objectContaining({ occupancyRate: 0.89 }),
      }),
    ]);
    expect(await alerts(`code=HIGH_OCCUPANCY&scope=institution:${unit.institutionId}`)).toEqual([]);
  });

  it('raises NO_AVAILABILITY when a category has no place left, reservations included, and resolves when one frees', async () => {
    const unit = unitRef('assessment-drugfree', 2);
    await producer.send([occupancyEvent(unit, 1, { occupied: 1 })]);
    await quiet();
    expect(await alerts('code=NO_AVAILABILITY&scope=category:assessment-drugfree')).toEqual([]);

    await producer.send([occupancyEvent(unit, 2, { occupied: 1, reserved: 1 }, { kind: 'reservation' })]);
    await quiet();
    const [raised] = await alerts('code=NO_AVAILABILITY&scope=category:assessment-drugfree');
    expect(raised).toMatchObject({ status: 'open', severity: 'critical', measured: { available: 0 } });

    await producer.send([occupancyEvent(unit, 3, { occupied: 1 }, { kind: 'reservation-released' })]);
    await quiet();
    expect(await alerts('code=NO_AVAILABILITY&scope=category:assessment-drugfree&status=resolved')).toEqual([
      expect.objectContaining({ id: raised.id, measured: expect.objectContaining({ available: 1 }) }),
    ]);
  });

  it('raises STALE_REPORT from the scheduler when a unit has not reported for longer than its limit, and resolves it on the next report', async () => {
    const unit = unitRef('coping', 6);
    await producer.send([
      occupancyEvent(unit, 1, { occupied: 3 }, { time: new Date(Date.now() - 2 * HOUR) }),
    ]);
    await quiet();
    const stale = await eventually(
      async () => {
        const found = await alerts(`code=STALE_REPORT&scope=unit:${unit.unitId}`);
        expect(found).toHaveLength(1);
        return found[0];
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    expect(stale).toMatchObject({ severity: 'warning', measured: { limitMs: 30 * 60_000 } });

    await producer.send([occupancyEvent(unit, 2, { occupied: 3 }, { kind: 'census' })]);
    await quiet();
    expect(
      await alerts(`code=STALE_REPORT&scope=unit:${unit.unitId}&status=open,acknowledged,resolved`),
    ).toEqual([expect.objectContaining({ id: stale.id, status: 'resolved' })]);
  });

  it('raises STAY_OVER_NORM for a stay longer than the category norm and resolves it on discharge', async () => {
    const unit = unitRef('acute', 8);
    const stayId = randomUUID();
    await producer.send([
      occupancyEvent(unit, 1, { occupied: 0 }, { time: new Date(Date.now() - 6 * DAY) }),
      // Admitted five days ago to an acute unit (norm: 3 days); the unit confirmed its numbers just now.
      occupancyEvent(
        unit,
        2,
        { occupied: 1 },
        { kind: 'admission', stayId, time: new Date(Date.now() - 5 * DAY) },
      ),
      occupancyEvent(unit, 3, { occupied: 1 }, { kind: 'census' }),
    ]);
    await quiet();
    const over = await eventually(
      async () => {
        const found = await alerts(`code=STAY_OVER_NORM&scope=unit:${unit.unitId}`);
        expect(found).toHaveLength(1);
        return found[0];
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    expect(over).toMatchObject({ severity: 'info', measured: { staysOverNorm: 1, normedMaxStayDays: 3 } });

    await producer.send([occupancyEvent(unit, 4, { occupied: 0 }, { kind: 'discharge', stayId })]);
    await quiet();
    expect(await alerts(`code=STAY_OVER_NORM&scope=unit:${unit.unitId}&status=resolved`)).toEqual([
      expect.objectContaining({ id: over.id, measured: expect.objectContaining({ staysOverNorm: 0 }) }),
    ]);
  });

  it('records who acknowledged an alert and when, still resolves it automatically, and publishes every transition', async () => {
    const unit = unitRef('reinforced-residential', 2);
    await producer.send([
      occupancyEvent(unit, 1, { occupied: 2 }),
      occupancyEvent(unit, 2, { occupied: 3 }, { kind: 'admission', stayId: randomUUID() }),
    ]);
    await quiet();
    const [alert] = await alerts(`code=OVER_CAPACITY&scope=unit:${unit.unitId}`);

    const stranger = await as({
      sub: 'staff-elsewhere',
      roles: ['institution-staff'],
      institutionIds: [randomUUID()],
      districtCode: null,
    });
    const refused = await stranger.api.post<{ code: string }>(`/api/capacity/alerts/${alert.id}/ack`, {});
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body.code).toBe('NOT_ALLOWED_TO_ACKNOWLEDGE');

    const staff = await as({
      sub: 'staff-ljabru',
      roles: ['institution-staff'],
      institutionIds: [unit.institutionId],
      districtCode: null,
    });
    const before = Date.now();
    const acknowledged = await staff.capacity.call(acknowledgeAlert, { params: { id: alert.id } });
    expect(acknowledged).toMatchObject({
      id: alert.id,
      status: 'acknowledged',
      acknowledgedBy: 'staff-ljabru',
      version: 2,
    });
    expect(Date.parse(acknowledged.acknowledgedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    // A second acknowledgement, by someone else, changes nothing.
    expect(await intakeCapacity.call(acknowledgeAlert, { params: { id: alert.id } })).toEqual(acknowledged);
    expect(await alerts(`status=acknowledged&scope=unit:${unit.unitId}`)).toEqual([
      expect.objectContaining({ id: alert.id, code: 'OVER_CAPACITY' }),
    ]);

    await producer.send([
      occupancyEvent(unit, 3, { occupied: 2 }, { kind: 'discharge', stayId: randomUUID() }),
    ]);
    await quiet();
    const detail = await intakeCapacity.call(getAlert, { params: { id: alert.id } });
    expect(detail).toMatchObject({ status: 'resolved', acknowledgedBy: 'staff-ljabru', version: 3 });
    expect(detail.history.map((h) => [h.transition, h.actor])).toEqual([
      ['raised', null],
      ['acknowledged', 'staff-ljabru'],
      ['resolved', null],
    ]);

    const late = await staff.api.post<{ code: string; status: number }>(
      `/api/capacity/alerts/${alert.id}/ack`,
      {},
    );
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'ALERT_RESOLVED', status: 409 });
    expect((await intake.post(`/api/capacity/alerts/${randomUUID()}/ack`, {})).status).toBe(404);
    const closed = await intake.get<{ errors: string[] }>('/api/capacity/alerts?status=closed');
    expect(closed.status).toBe(400);
    expect(closed.body.errors).toEqual([expect.stringMatching(/^status\.0: Invalid option/)]);

    await eventually(
      () =>
        expect(
          published
            .filter((e) => e.data.id === alert.id)
            .map((e) => [e.type.split('.').pop(), e.sequence, e.data.status]),
        ).toEqual([
          ['raised', 1, 'open'],
          ['acknowledged', 2, 'acknowledged'],
          ['resolved', 3, 'resolved'],
        ]),
      { timeoutMs: 15_000, intervalMs: 100 },
    );
  });
});
