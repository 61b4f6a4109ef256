/**
 * REFERRAL_WAITING and OFFER_EXPIRING against real Kafka and PostgreSQL (ADR 0169): referral events on
 * intake.referrals.v1 (sent as `ops`, as the intake service would) raise and resolve them per referring
 * district, from the referral projection at once and from the scheduler as time passes; published on
 * capacity.alerts.v1, acknowledged by intake.
 */
import { randomUUID } from 'node:crypto';
import { signDevToken } from '@plass/auth';
import {
  acknowledgeAlert,
  listAlerts,
  parseAlertEvent,
  TOPICS,
  type AlertData,
  type AlertEvent,
  type ContractClient,
} from '@plass/contracts';
import { BatchConsumer, EventProducer } from '@plass/messaging';
import { eventually, startTestStack, type TestStack } from '@plass/testing';
import { REFERRALS_CONSUMER_GROUP } from '../src/demand/referral-projection.service';
import { capacityClient } from './contract-client';
import { ReferralLife } from './referral-events';

const GAMLE_OSLO = '030101';
const GRUNERLOKKA = '030102';
const SAGENE = '030103';
const FROGNER = '030105';

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const ahead = (ms: number) => new Date(Date.now() + ms).toISOString();
const HOUR = 3_600_000;

describe('referral alerts from the alert scheduler', () => {
  let stack: TestStack;
  let producer: EventProducer;
  let capacity: ContractClient;
  let probe: BatchConsumer<AlertEvent>;
  const published: AlertEvent[] = [];
  const savedEnv = { ...process.env };

  async function quiet(): Promise<void> {
    await eventually(
      async () =>
        expect(await stack.messaging.consumerLag(REFERRALS_CONSUMER_GROUP, TOPICS.intakeReferrals)).toBe(0),
      { timeoutMs: 20_000, intervalMs: 100 },
    );
  }

  async function alertsOf(code: string, districtCode: string): Promise<AlertData[]> {
    return capacity.call(listAlerts, {
      query: { code, scope: `district:${districtCode}`, status: 'open,acknowledged,resolved' },
    });
  }

  beforeAll(async () => {
    // An acute referral may wait 4 s here, so that the scheduler's raising can be watched; urgent keeps 3 days.
    process.env.ALERT_SCHEDULE_MS = '200';
    process.env.ALERT_REFERRAL_WAITING_ACUTE_MS = '4000';
    stack = await startTestStack({ only: ['capacity-service'] });
    producer = new EventProducer(stack.messaging);
    const token = await signDevToken({
      sub: 'intake-kari',
      roles: ['intake'],
      institutionIds: [],
      districtCode: null,
    });
    capacity = capacityClient(stack.urlOf('capacity-service'), token);
    probe = new BatchConsumer(stack.messaging, {
      groupId: `referral-alerts-probe-${randomUUID()}`,
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

  it('raises REFERRAL_WAITING from the scheduler once an acute referral has waited past its limit, and resolves it when it is offered', async () => {
    const acute = new ReferralLife(SAGENE, ['acute'], ago(0), 'acute');
    const planned = new ReferralLife(SAGENE, ['coping'], ago(30 * 24 * HOUR), 'planned');
    await producer.send([acute.created(), planned.created()]);
    await quiet();
    // Received just now: not yet; a planned referral never alerts, however long it waits.
    expect(await alertsOf('REFERRAL_WAITING', SAGENE)).toEqual([]);

    await eventually(
      async () =>
        expect(await alertsOf('REFERRAL_WAITING', SAGENE)).toEqual([
          expect.objectContaining({
            status: 'open',
            severity: 'warning',
            scope: 'district',
            districtCode: SAGENE,
            rooms: [`district:${SAGENE}`, 'city'],
            measured: expect.objectContaining({ waitingOverLimit: 1, acuteOverLimit: 1, urgentOverLimit: 0 }),
          }),
        ]),
      { timeoutMs: 15_000 },
    );

    await producer.send([acute.offered(ago(0), ahead(6 * HOUR))]);
    await eventually(
      async () => expect(await alertsOf('REFERRAL_WAITING', SAGENE)).toMatchObject([{ status: 'resolved' }]),
      { timeoutMs: 15_000 },
    );
    const transitions = published
      .filter((e) => e.data.code === 'REFERRAL_WAITING' && e.data.districtCode === SAGENE)
      .map((e) => e.type.split('.').at(-1));
    expect(transitions).toEqual(['raised', 'resolved']);
  });

  it('raises OFFER_EXPIRING from the scheduler as an open offer comes within 2 h of its expiry, and resolves it when answered', async () => {
    const referral = new ReferralLife(GRUNERLOKKA, ['coping'], ago(HOUR), 'planned');
    // Expires 2 h and 3 s from now: within the limit three seconds from now.
    await producer.send([referral.created(), referral.offered(ago(0), ahead(2 * HOUR + 3000))]);
    await quiet();
    expect(await alertsOf('OFFER_EXPIRING', GRUNERLOKKA)).toEqual([]);
    await eventually(
      async () =>
        expect(await alertsOf('OFFER_EXPIRING', GRUNERLOKKA)).toMatchObject([
          { status: 'open', measured: { offersExpiring: 1, withinMs: 2 * HOUR } },
        ]),
      { timeoutMs: 15_000 },
    );
    await producer.send([referral.accepted(ago(0))]);
    await eventually(
      async () =>
        expect(await alertsOf('OFFER_EXPIRING', GRUNERLOKKA)).toMatchObject([{ status: 'resolved' }]),
      { timeoutMs: 15_000 },
    );
  });
});

describe('referral alerts from the referral projection, with the scheduler idle', () => {
  let stack: TestStack;
  let producer: EventProducer;
  let capacity: ContractClient;
  let probe: BatchConsumer<AlertEvent>;
  const published: AlertEvent[] = [];
  const savedEnv = { ...process.env };

  async function quiet(): Promise<void> {
    await eventually(
      async () =>
        expect(await stack.messaging.consumerLag(REFERRALS_CONSUMER_GROUP, TOPICS.intakeReferrals)).toBe(0),
      { timeoutMs: 20_000, intervalMs: 100 },
    );
  }

  async function alertsOf(code: string, districtCode: string): Promise<AlertData[]> {
    return capacity.call(listAlerts, {
      query: { code, scope: `district:${districtCode}`, status: 'open,acknowledged,resolved' },
    });
  }

  beforeAll(async () => {
    // The scheduler runs once at start (with nothing to do) and then not for an hour: whatever is raised or
    // resolved here, the referral projection did in the batch's transaction.
    process.env.ALERT_SCHEDULE_MS = String(3_600_000);
    stack = await startTestStack({ only: ['capacity-service'] });
    producer = new EventProducer(stack.messaging);
    const token = await signDevToken({
      sub: 'intake-kari',
      roles: ['intake'],
      institutionIds: [],
      districtCode: null,
    });
    capacity = capacityClient(stack.urlOf('capacity-service'), token);
    probe = new BatchConsumer(stack.messaging, {
      groupId: `referral-alerts-probe-${randomUUID()}`,
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

  it('raises REFERRAL_WAITING in the batch for an urgent referral back on the list after days, per district, and resolves it on withdrawal', async () => {
    const urgent = new ReferralLife(GAMLE_OSLO, ['coping'], ago(4 * 24 * HOUR), 'urgent');
    const other = new ReferralLife(FROGNER, ['coping'], ago(HOUR), 'urgent');
    await producer.send([urgent.created(), urgent.offered(ago(2 * HOUR), ahead(HOUR * 24)), other.created()]);
    await quiet();
    // Offered: not waiting.
    expect(await alertsOf('REFERRAL_WAITING', GAMLE_OSLO)).toEqual([]);

    const declined = urgent.declined('unsuitable', ago(HOUR));
    await producer.send([declined]);
    await eventually(
      async () =>
        expect(await alertsOf('REFERRAL_WAITING', GAMLE_OSLO)).toMatchObject([
          { status: 'open', measured: { urgentOverLimit: 1 } },
        ]),
      { timeoutMs: 15_000 },
    );
    expect(await alertsOf('REFERRAL_WAITING', FROGNER)).toEqual([]);

    // A redelivered answer raises nothing twice; intake acknowledges; the withdrawal resolves it.
    await producer.send([declined]);
    await quiet();
    const [alert] = await alertsOf('REFERRAL_WAITING', GAMLE_OSLO);
    expect((await capacity.call(acknowledgeAlert, { params: { id: alert.id } })).status).toBe('acknowledged');
    await producer.send([urgent.withdrawn(ago(0))]);
    await eventually(
      async () =>
        expect(await alertsOf('REFERRAL_WAITING', GAMLE_OSLO)).toMatchObject([
          { id: alert.id, status: 'resolved', acknowledgedBy: 'intake-kari' },
        ]),
      { timeoutMs: 15_000 },
    );
  });

  it('raises OFFER_EXPIRING in the batch for an offer made with less than 2 h to answer, and resolves it when declined', async () => {
    const referral = new ReferralLife(GRUNERLOKKA, ['acute'], ago(HOUR), 'urgent');
    await producer.send([referral.created(), referral.offered(ago(0), ahead(HOUR))]);
    await eventually(
      async () =>
        expect(await alertsOf('OFFER_EXPIRING', GRUNERLOKKA)).toMatchObject([
          { status: 'open', measured: { offersExpiring: 1 } },
        ]),
      { timeoutMs: 15_000 },
    );
    await producer.send([referral.declined('declined-by-resident', ago(0))]);
    await eventually(
      async () =>
        expect(await alertsOf('OFFER_EXPIRING', GRUNERLOKKA)).toMatchObject([{ status: 'resolved' }]),
      { timeoutMs: 15_000 },
    );
    // Back on the list after an hour: an urgent referral may wait three days.
    expect(await alertsOf('REFERRAL_WAITING', GRUNERLOKKA)).toEqual([]);
  });
});
