import { randomUUID } from 'node:crypto';
import { signDevToken } from '@plass/auth';
import {
  acknowledgeAlert,
  createEvent,
  getAlert,
  getCapacityHousingOverview,
  getCapacitySummary,
  HOUSING_CHANGED,
  HOUSING_NEED_CHANGED,
  HOUSING_NEED_CHANGED_SCHEMA,
  HOUSING_UNIT_STATUS_CHANGED,
  HOUSING_UNIT_STATUS_CHANGED_SCHEMA,
  housingNeedKey,
  listAlerts,
  parseCapacityTopicEvent,
  TOPICS,
  type AlertData,
  type CapacityTopicEvent,
  type ContractClient,
  type HousingChangedData,
  type HousingNeeds,
} from '@plass/contracts';
import { HOUSING_TYPES, type DistrictCode, type HousingStatus, type HousingType } from '@plass/domain';
import { BatchConsumer, EventProducer } from '@plass/messaging';
import { ApiClient, eventually, startTestStack, type TestStack } from '@plass/testing';
import { HOUSING_CONSUMER_GROUP } from '../src/housing/housing-projection.service';
import { capacityClient } from './contract-client';

const SAGENE: DistrictCode = '030103';

function dwellingEvent(
  id: string,
  sequence: number,
  status: HousingStatus,
  previousStatus: HousingStatus | null,
  type: HousingType = 'ordinary',
) {
  const event = createEvent({
    source: '/housing-service',
    type: HOUSING_UNIT_STATUS_CHANGED,
    subject: id,
    sequence,
    dataschema: HOUSING_UNIT_STATUS_CHANGED_SCHEMA,
    data: {
      housingUnitId: id,
      districtCode: SAGENE,
      type,
      status,
      previousStatus,
      ...(status === 'unavailable' ? { reason: 'renovation' as const } : {}),
      ...(status === 'reserved' ? { reservedUntil: new Date(Date.now() + 86_400_000).toISOString() } : {}),
      change: previousStatus === null ? ('registered' as const) : ('status-changed' as const),
    },
  });
  return { topic: TOPICS.housingAvailability, key: id, value: JSON.stringify(event) };
}

function needEvent(sequence: number, needs: Partial<HousingNeeds>) {
  const all = { ...(Object.fromEntries(HOUSING_TYPES.map((t) => [t, 0])) as HousingNeeds), ...needs };
  const event = createEvent({
    source: '/housing-service',
    type: HOUSING_NEED_CHANGED,
    subject: housingNeedKey(SAGENE),
    sequence,
    dataschema: HOUSING_NEED_CHANGED_SCHEMA,
    data: { districtCode: SAGENE, needs: all },
  });
  return { topic: TOPICS.housingAvailability, key: housingNeedKey(SAGENE), value: JSON.stringify(event) };
}

describe('housing read model against real Kafka and PostgreSQL', () => {
  let stack: TestStack;
  let producer: EventProducer;
  let api: ApiClient;
  /** The same reader through the typed client: answers parsed by each route's schema. */
  let capacity: ContractClient;
  let probe: BatchConsumer<CapacityTopicEvent>;
  const published: CapacityTopicEvent[] = [];
  const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];

  async function quiet(): Promise<void> {
    await eventually(
      async () =>
        expect(await stack.messaging.consumerLag(HOUSING_CONSUMER_GROUP, TOPICS.housingAvailability)).toBe(0),
      { timeoutMs: 20_000, intervalMs: 100 },
    );
  }

  async function sagene(): Promise<HousingChangedData> {
    const overview = await capacity.call(getCapacityHousingOverview, { query: { districtCode: SAGENE } });
    expect(overview.districts).toHaveLength(1);
    return overview.districts[0];
  }

  async function shortages(status = 'open'): Promise<AlertData[]> {
    return capacity.call(listAlerts, {
      query: { code: 'HOUSING_SHORTAGE', scope: `district:${SAGENE}`, status },
    });
  }

  beforeAll(async () => {
    stack = await startTestStack({ only: ['capacity-service'] });
    producer = new EventProducer(stack.messaging);
    const token = await signDevToken({ roles: ['intake'], institutionIds: [], districtCode: null });
    api = new ApiClient(stack.urlOf('capacity-service'), token);
    capacity = capacityClient(stack.urlOf('capacity-service'), token);
    probe = new BatchConsumer(stack.messaging, {
      groupId: `housing-probe-${randomUUID()}`,
      topics: [TOPICS.capacityChanged],
      parse: parseCapacityTopicEvent,
      handle: (messages) => {
        published.push(...messages.map((m) => m.value));
        return Promise.resolve();
      },
      deadLetters: producer,
    });
    await probe.start();
  }, 120_000);

  afterAll(async () => {
    await probe?.stop();
    await producer?.disconnect();
    await stack?.dispose();
  });

  it('counts vacant dwellings against registered need per type, idempotently by sequence', async () => {
    await producer.send([
      dwellingEvent(first, 1, 'vacant', null),
      dwellingEvent(second, 1, 'vacant', null),
      dwellingEvent(second, 2, 'occupied', 'vacant'),
      needEvent(1, { ordinary: 3, 'cluster-staffed-24h': 1 }),
    ]);
    await quiet();
    const applied = await sagene();
    expect(applied.byType.ordinary).toEqual({ vacant: 1, reserved: 0, occupied: 1, unavailable: 0, need: 3 });
    expect(applied.byType['cluster-staffed-24h']).toEqual({
      vacant: 0,
      reserved: 0,
      occupied: 0,
      unavailable: 0,
      need: 1,
    });
    expect(applied.totals).toEqual({ vacant: 1, reserved: 0, occupied: 1, unavailable: 0, need: 4 });

    // Duplicates and an older sequence change nothing, not even the version.
    await producer.send([dwellingEvent(second, 1, 'vacant', null), needEvent(1, { ordinary: 99 })]);
    await quiet();
    expect(await sagene()).toEqual(applied);

    const summary = await capacity.call(getCapacitySummary, {});
    expect(summary.housing.city.totals).toMatchObject({ vacant: 1, occupied: 1, need: 4 });
    expect(summary.housing.districts.find((d) => d.districtCode === SAGENE)).toEqual(applied);
  });

  it('raises one HOUSING_SHORTAGE per district with the shortfall per type, keeps its figures current and resolves it when no type is short (ADR 0172)', async () => {
    // Ordinary: need 3, vacant 1; cluster-staffed-24h: need 1, vacant 0. One alert for the district.
    const open = await eventually(
      async () => {
        const alerts = await shortages();
        expect(alerts).toHaveLength(1);
        expect(alerts[0].housingType).toBeNull();
        expect(alerts[0].measured).toEqual({
          need: 4,
          vacant: 1,
          shortfall: 3,
          typesShort: 2,
          'shortfall.ordinary': 2,
          'need.ordinary': 3,
          'vacant.ordinary': 1,
          'shortfall.cluster-staffed-24h': 1,
          'need.cluster-staffed-24h': 1,
          'vacant.cluster-staffed-24h': 0,
        });
        return alerts[0];
      },
      { timeoutMs: 15_000, intervalMs: 100 },
    );

    // Two more vacant ordinary dwellings: ordinary is no longer short, the same alert shows it now.
    await producer.send([
      dwellingEvent(third, 1, 'vacant', null),
      dwellingEvent(second, 3, 'vacant', 'occupied'),
    ]);
    await quiet();
    const [updated] = await shortages();
    expect(updated.id).toBe(open.id);
    expect(updated.version).toBeGreaterThan(open.version);
    expect(updated.measured).toEqual({
      need: 4,
      vacant: 3,
      shortfall: 1,
      typesShort: 1,
      'shortfall.cluster-staffed-24h': 1,
      'need.cluster-staffed-24h': 1,
      'vacant.cluster-staffed-24h': 0,
    });
    const detail = await capacity.call(getAlert, { params: { id: open.id } });
    expect(detail.history.map((h) => h.transition)).toContain('updated');

    // No type short: resolved.
    await producer.send([needEvent(2, { ordinary: 3 })]);
    await quiet();
    expect(await shortages()).toEqual([]);
    expect(await shortages('resolved')).toEqual([
      expect.objectContaining({ id: open.id, measured: expect.objectContaining({ shortfall: 0 }) }),
    ]);

    // The need grows again: a new alert, the resolved one stays resolved.
    await producer.send([needEvent(3, { ordinary: 4, 'cluster-staffed-24h': 1 })]);
    await quiet();
    const [again] = await shortages();
    expect(again.id).not.toBe(open.id);
    expect(again.measured).toMatchObject({ shortfall: 2, 'shortfall.ordinary': 1 });
  });

  it('lets the district’s own staff acknowledge its housing alert, and nobody from another district', async () => {
    const [alert] = await shortages();
    const other = api.withToken(
      await signDevToken({
        sub: 'bydel-alna',
        roles: ['district-staff'],
        institutionIds: [],
        districtCode: '030112',
      }),
    );
    expect((await other.post(`/api/capacity/alerts/${alert.id}/ack`, {})).status).toBe(403);
    const own = capacityClient(
      stack.urlOf('capacity-service'),
      await signDevToken({
        sub: 'bydel-sagene',
        roles: ['district-staff'],
        institutionIds: [],
        districtCode: SAGENE,
      }),
    );
    expect(await own.call(acknowledgeAlert, { params: { id: alert.id } })).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'bydel-sagene',
    });
  });

  it('publishes each change of the district’s housing on capacity.changed.v1 with a rising version', async () => {
    const current = await sagene();
    await eventually(
      () => {
        const housing = published
          .filter((e) => e.type === HOUSING_CHANGED && e.subject === `housing:${SAGENE}`)
          .map((e) => e.data as HousingChangedData);
        expect(housing.map((h) => h.version)).toEqual(
          Array.from({ length: current.version }, (_, i) => i + 1),
        );
        expect(housing[housing.length - 1]).toEqual(current);
      },
      { timeoutMs: 15_000, intervalMs: 100 },
    );
  });

  it('sends a malformed housing message to the dead-letter topic and keeps the partition flowing', async () => {
    await producer.send([
      {
        topic: TOPICS.housingAvailability,
        key: first,
        value: '{"type":"no.oslo.plassoversikt.housing-unit.status-changed"}',
      },
      dwellingEvent(first, 2, 'unavailable', 'vacant'),
    ]);
    await quiet();
    expect((await sagene()).byType.ordinary).toMatchObject({ vacant: 2, unavailable: 1 });
    const admin = stack.messaging.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(
        stack.messaging.topic(`${TOPICS.housingAvailability}.dlq`),
      );
      expect(offsets.reduce((n, p) => n + Number(p.high), 0)).toBe(1);
    } finally {
      await admin.disconnect();
    }
  });
});
