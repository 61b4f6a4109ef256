/**
 * Demand from referrals against real Kafka and PostgreSQL: referral events on intake.referrals.v1 (sent
 * as `ops`, as the intake service would) → waiting counts in capacity.changed and the summary, and the
 * demand report as JSON and CSV.
 */
import { randomUUID } from 'node:crypto';
import { signDevToken } from '@plass/auth';
import {
  CAPACITY_CHANGED,
  createEvent,
  deadLetterTopic,
  getCapacitySummary,
  getDemandReport,
  parseCapacityTopicEvent,
  TOPICS,
  UNIT_OCCUPANCY_CHANGED,
  UNIT_OCCUPANCY_CHANGED_SCHEMA,
  type CapacityChangedData,
  type CapacityTopicEvent,
  type ContractClient,
} from '@plass/contracts';
import { BatchConsumer, EventProducer } from '@plass/messaging';
import { eventually, startKafkaProbe, startTestStack, type TestStack } from '@plass/testing';
import { REFERRALS_CONSUMER_GROUP } from '../src/demand/referral-projection.service';
import { CONSUMER_GROUP } from '../src/projection/occupancy-projection.service';
import { capacityClient } from './contract-client';
import { ReferralLife, type ReferralMessage } from './referral-events';

const GAMLE_OSLO = '030101';
const SAGENE = '030103';

describe('demand from referrals against real Kafka and PostgreSQL', () => {
  let stack: TestStack;
  let producer: EventProducer;
  let capacity: ContractClient;
  let token: string;
  let probe: BatchConsumer<CapacityTopicEvent>;
  const published: CapacityChangedData[] = [];

  async function quiet(): Promise<void> {
    await eventually(
      async () =>
        expect(await stack.messaging.consumerLag(REFERRALS_CONSUMER_GROUP, TOPICS.intakeReferrals)).toBe(0),
      { timeoutMs: 20_000, intervalMs: 100 },
    );
  }

  const lastPublished = (key: string) => published.filter((d) => d.key === key).at(-1);

  beforeAll(async () => {
    stack = await startTestStack({ only: ['capacity-service'] });
    producer = new EventProducer(stack.messaging);
    token = await signDevToken({ roles: ['intake'], institutionIds: [], districtCode: null });
    capacity = capacityClient(stack.urlOf('capacity-service'), token);
    probe = new BatchConsumer(stack.messaging, {
      groupId: `demand-probe-${randomUUID()}`,
      topics: [TOPICS.capacityChanged],
      parse: parseCapacityTopicEvent,
      handle: (messages) => {
        for (const { value } of messages) if (value.type === CAPACITY_CHANGED) published.push(value.data);
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

  // Waiting in coping: a (declined one offer as unsuitable); placed from coping: b (48 h, declined by the
  // resident once) and d (12 h, admitted two hours before intake published it); withdrawn from acute: c.
  const a = new ReferralLife(SAGENE, ['coping', 'acute'], '2026-11-02T08:00:00.000Z');
  const b = new ReferralLife(GAMLE_OSLO, ['coping'], '2026-11-02T10:00:00.000Z');
  const c = new ReferralLife(GAMLE_OSLO, ['acute'], '2026-11-05T10:00:00.000Z');
  const d = new ReferralLife(GAMLE_OSLO, ['coping'], '2026-11-10T12:00:00.000Z');
  const aCreated = a.created();
  /** Every message sent, in order: sent again at the end, it must change nothing. */
  const sent: ReferralMessage[] = [];
  const send = async (messages: ReferralMessage[]) => {
    sent.push(...messages);
    await producer.send(messages);
  };

  it('publishes the waiting count of the city and the first-preference category as referrals change', async () => {
    await send([
      aCreated,
      b.created(),
      c.created(),
      a.offered('2026-11-03T09:00:00.000Z', '2026-11-03T21:00:00.000Z', 'acute'),
      a.declined('unsuitable', '2026-11-03T12:00:00.000Z'),
    ]);
    await quiet();
    await eventually(
      () => {
        expect(lastPublished('category:coping')).toMatchObject({ waiting: 2, totals: { capacity: 0 } });
        expect(lastPublished('category:acute')).toMatchObject({ waiting: 1 });
        expect(lastPublished('city')).toMatchObject({ waiting: 3 });
      },
      { timeoutMs: 15_000 },
    );

    const poison = {
      topic: TOPICS.intakeReferrals,
      key: 'x',
      value: JSON.stringify({ type: 'no.oslo.plassoversikt.unit.placed' }),
    };
    await producer.send([poison]);
    await send([
      b.offered('2026-11-02T12:00:00.000Z', '2026-11-03T12:00:00.000Z'),
      b.declined('declined-by-resident', '2026-11-02T13:00:00.000Z'),
      b.offered('2026-11-03T10:00:00.000Z', '2026-11-04T10:00:00.000Z'),
      b.accepted('2026-11-03T11:00:00.000Z'),
      b.placed('2026-11-04T10:00:00.000Z'),
      c.withdrawn('2026-11-06T10:00:00.000Z'),
      aCreated, // a duplicate changes nothing
      d.created(),
      d.offered('2026-11-10T13:00:00.000Z', '2026-11-11T13:00:00.000Z'),
      d.accepted('2026-11-10T14:00:00.000Z'),
      d.placed('2026-11-11T00:00:00.000Z', '2026-11-11T02:00:00.000Z'),
    ]);
    await quiet();
    await eventually(
      () => {
        expect(lastPublished('category:coping')).toMatchObject({ waiting: 1 });
        expect(lastPublished('category:acute')).toMatchObject({ waiting: 0 });
        expect(lastPublished('city')).toMatchObject({ waiting: 1 });
      },
      { timeoutMs: 15_000 },
    );
    // The poison message is dead-lettered with its reason; the rest of its partition went on.
    const dlq = await startKafkaProbe(stack.messaging, deadLetterTopic(TOPICS.intakeReferrals));
    try {
      await dlq.waitFor(() => true);
      expect(dlq.messages[0].headers['x-dlq-reason']).toMatch(/type/);
    } finally {
      await dlq.stop();
    }
    const versions = published.filter((p) => p.key === 'city').map((p) => p.version);
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
  });

  it('shows the waiting counts beside the places in the summary', async () => {
    const summary = await capacity.call(getCapacitySummary, {});
    expect(summary.city.waiting).toBe(1);
    expect(summary.categories.find((s) => s.key === 'category:coping')).toMatchObject({
      waiting: 1,
      totals: { capacity: 0, available: 0 },
    });
    expect(summary.categories.find((s) => s.key === 'category:acute')?.waiting).toBe(0);
    expect(summary.districts.every((s) => s.waiting === undefined)).toBe(true);
  });

  it('reports received, placed, withdrawn, waiting and waiting-time percentiles per category', async () => {
    const report = await capacity.call(getDemandReport, {
      query: { from: '2026-11-01', to: '2026-12-01', groupBy: 'category' },
    });
    expect(report.groups.find((g) => g.key === 'coping')).toEqual({
      key: 'coping',
      name: 'Mestringsenhet',
      received: 3,
      placed: 2,
      withdrawn: 0,
      waitingNow: 1,
      waitingHoursP50: 12,
      waitingHoursP90: 48,
      // a's offer was in acute, but a referral counts in its first preference (ADR 0167).
      offersDeclined: { 'declined-by-resident': 1, unsuitable: 1, 'placed-elsewhere': 0, other: 0 },
      // No unit of the category exists in this stack: no free place on any of November's 30 days.
      daysWithoutFreePlace: 30,
    });
    expect(report.groups.find((g) => g.key === 'acute')).toMatchObject({
      received: 1,
      withdrawn: 1,
      waitingNow: 0,
    });
    expect(report.total).toEqual({
      received: 4,
      placed: 2,
      withdrawn: 1,
      waitingNow: 1,
      waitingHoursP50: 12,
      waitingHoursP90: 48,
      offersDeclined: { 'declined-by-resident': 1, unsuitable: 1, 'placed-elsewhere': 0, other: 0 },
    });

    const byDistrict = await capacity.call(getDemandReport, {
      query: { from: '2026-11-01', to: '2026-12-01', groupBy: 'district' },
    });
    expect(byDistrict.groups.find((g) => g.key === GAMLE_OSLO)).toMatchObject({
      received: 3,
      placed: 2,
      withdrawn: 1,
      waitingNow: 0,
    });
    expect(byDistrict.groups.find((g) => g.key === SAGENE)).toMatchObject({
      received: 1,
      waitingNow: 1,
      offersDeclined: { unsuitable: 1, 'declined-by-resident': 0 },
    });
    expect(byDistrict.groups.every((g) => g.daysWithoutFreePlace === undefined)).toBe(true);

    const earlier = await capacity.call(getDemandReport, { query: { from: '2026-10-01', to: '2026-11-01' } });
    expect(earlier.total).toMatchObject({ received: 0, placed: 0, waitingNow: 1, waitingHoursP50: null });
  });

  it('writes the demand report as CSV', async () => {
    const response = await fetch(
      `${stack.urlOf('capacity-service')}/api/capacity/demand?from=2026-11-01&to=2026-12-01&format=csv`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="ettersporsel-category-2026-11-01-2026-11-30.csv"',
    );
    const lines = (await response.text()).split('\r\n');
    expect(lines).toContain('Mestringsenhet;3;2;0;1;12;48;1;1;0;0;30');
    expect(lines).toContain('Totalt;4;2;1;1;12;48;1;1;0;0;');
  });

  it('changes nothing when every referral event is delivered again', async () => {
    const query = { from: '2026-11-01', to: '2026-12-01', groupBy: 'category' } as const;
    const before = await capacity.call(getDemandReport, { query });
    await producer.send(sent);
    await quiet();
    expect(await capacity.call(getDemandReport, { query })).toEqual(before);
  });

  it('counts a day without a free place by the free places per unit: overcapacity elsewhere takes none (ADR 0192)', async () => {
    // Assessment in September 2026: a and b have 2 places each. From 10 to 20 September a is 2 over
    // capacity while b has 2 free — the summed counts say 0, but a place is free every day.
    const institutionId = randomUUID();
    const [a, b] = [randomUUID(), randomUUID()];
    const occupancy = (unitId: string, sequence: number, occupied: number, time: string) => {
      const event = createEvent({
        source: '/institution-service',
        type: UNIT_OCCUPANCY_CHANGED,
        subject: unitId,
        sequence,
        time: new Date(time),
        dataschema: UNIT_OCCUPANCY_CHANGED_SCHEMA,
        data: {
          unitId,
          unitName: unitId === a ? 'Vurdering A' : 'Vurdering B',
          institutionId,
          institutionName: 'Vurderingshuset',
          category: 'assessment-drugfree' as const,
          providerType: 'municipal' as const,
          districtCode: SAGENE,
          capacity: 2,
          occupied,
          blocked: 0,
          reserved: 0,
          available: 2 - occupied,
          closed: false,
          change: { kind: sequence === 1 ? ('registered' as const) : ('census' as const) },
        },
      });
      return { topic: TOPICS.institutionOccupancy, key: unitId, value: JSON.stringify(event) };
    };
    await producer.send([
      occupancy(a, 1, 0, '2026-08-30T10:00:00.000Z'),
      occupancy(b, 1, 0, '2026-08-30T10:00:00.000Z'),
      occupancy(a, 2, 4, '2026-09-10T08:00:00.000Z'),
      occupancy(a, 3, 1, '2026-09-20T08:00:00.000Z'),
    ]);
    await eventually(
      async () =>
        expect(await stack.messaging.consumerLag(CONSUMER_GROUP, TOPICS.institutionOccupancy)).toBe(0),
      { timeoutMs: 20_000, intervalMs: 100 },
    );
    const report = await capacity.call(getDemandReport, {
      query: { from: '2026-09-01', to: '2026-10-01', groupBy: 'category' },
    });
    expect(report.groups.find((g) => g.key === 'assessment-drugfree')?.daysWithoutFreePlace).toBe(0);
    // Until both are full: from 25 September no unit has a free place (6 days to the end of the month).
    await producer.send([
      occupancy(a, 4, 2, '2026-09-25T08:00:00.000Z'),
      occupancy(b, 2, 2, '2026-09-25T08:00:00.000Z'),
    ]);
    await eventually(
      async () => {
        const after = await capacity.call(getDemandReport, {
          query: { from: '2026-09-01', to: '2026-10-01', groupBy: 'category' },
        });
        expect(after.groups.find((g) => g.key === 'assessment-drugfree')?.daysWithoutFreePlace).toBe(6);
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
  });
});
