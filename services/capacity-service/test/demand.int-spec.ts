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
  REFERRAL_SCHEMA,
  TOPICS,
  type CapacityChangedData,
  type CapacityTopicEvent,
  type ContractClient,
  type ReferralState,
} from '@plass/contracts';
import { BatchConsumer, EventProducer } from '@plass/messaging';
import { eventually, startKafkaProbe, startTestStack, type TestStack } from '@plass/testing';
import { REFERRALS_CONSUMER_GROUP } from '../src/demand/referral-projection.service';
import { capacityClient } from './contract-client';

const GAMLE_OSLO = '030101';
const SAGENE = '030103';

/** A referral event: `change` names the type (offered and placed are not announced yet: read generically). */
function referralEvent(change: string, state: ReferralState) {
  const event = createEvent({
    source: '/intake-service',
    type: `no.oslo.plassoversikt.referral.${change}`,
    subject: state.id,
    sequence: state.sequence,
    dataschema: REFERRAL_SCHEMA,
    data: state,
  });
  return { topic: TOPICS.intakeReferrals, key: state.id, value: JSON.stringify(event) };
}

/** A referral's life: `created(...)` then each change with the status and time it has after it. */
function referral(districtCode: string, categories: ReferralState['categories'], createdAt: string) {
  let state: ReferralState = {
    id: randomUUID(),
    districtCode: districtCode as ReferralState['districtCode'],
    categories,
    urgency: 'urgent',
    needs: [],
    earliestDate: null,
    status: 'waiting',
    withdrawalReason: null,
    offer: null,
    stayId: null,
    placedAt: null,
    createdAt,
    updatedAt: createdAt,
    sequence: 1,
  };
  const created = referralEvent('created', state);
  return {
    id: state.id,
    created,
    next(change: string, status: ReferralState['status'], at: string) {
      state = {
        ...state,
        status,
        withdrawalReason: status === 'withdrawn' ? 'other' : null,
        updatedAt: at,
        sequence: state.sequence + 1,
      };
      return referralEvent(change, state);
    },
  };
}

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

  // Waiting in coping: a; placed from coping: b (48 h) and d (12 h); withdrawn from acute: c.
  const a = referral(SAGENE, ['coping', 'acute'], '2026-11-02T08:00:00.000Z');
  const b = referral(GAMLE_OSLO, ['coping'], '2026-11-02T10:00:00.000Z');
  const c = referral(GAMLE_OSLO, ['acute'], '2026-11-05T10:00:00.000Z');
  const d = referral(GAMLE_OSLO, ['coping'], '2026-11-10T12:00:00.000Z');

  it('publishes the waiting count of the city and the first-preference category as referrals change', async () => {
    await producer.send([a.created, b.created, c.created]);
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
    await producer.send([
      poison,
      b.next('offered', 'offered', '2026-11-03T10:00:00.000Z'),
      b.next('placed', 'placed', '2026-11-04T10:00:00.000Z'),
      c.next('withdrawn', 'withdrawn', '2026-11-06T10:00:00.000Z'),
      a.created, // a duplicate changes nothing
      d.created,
      d.next('placed', 'placed', '2026-11-11T00:00:00.000Z'),
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
    expect(byDistrict.groups.find((g) => g.key === SAGENE)).toMatchObject({ received: 1, waitingNow: 1 });
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
    expect(lines).toContain('Mestringsenhet;3;2;0;1;12;48;30');
    expect(lines).toContain('Totalt;4;2;1;1;12;48;');
  });
});
