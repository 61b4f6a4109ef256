/**
 * `intake:changed` end to end: a referral registered through the gateway → intake-service → outbox →
 * intake.referrals.v1 → the gateway's referral feed → the sockets allowed to read it (ADR 0165), and an old
 * redelivery of it is not pushed as new.
 */
import { signDevToken } from '@plass/auth';
import {
  createEvent,
  createReferral,
  REFERRAL_SCHEMA,
  referralStateSchema,
  TOPICS,
  type ClientToServerEvents,
  type ContractClient,
  type IntakeChangedPush,
  type ServerToClientEvents,
} from '@plass/contracts';
import { EventProducer } from '@plass/messaging';
import { contractApi, eventually, startTestStack, type TestStack } from '@plass/testing';
import { io, type Socket } from 'socket.io-client';

type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

const GAMLE_OSLO = '030101' as const;
const GRUNERLOKKA = '030102' as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('intake:changed through the gateway', () => {
  let stack: TestStack;
  let producer: EventProducer;
  const clients: LiveClient[] = [];

  /** A socket of a user and every `intake:changed` it receives. */
  async function watcher(
    roles: ('intake' | 'district-staff')[],
    districtCode: typeof GAMLE_OSLO | typeof GRUNERLOKKA | null,
  ): Promise<IntakeChangedPush[]> {
    const token = await signDevToken({ roles, institutionIds: [], districtCode });
    const client: LiveClient = io(`${stack.gatewayUrl}/live`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    });
    clients.push(client);
    const received: IntakeChangedPush[] = [];
    client.on('intake:changed', (push) => received.push(push));
    await new Promise<void>((resolve, reject) => {
      client.once('connect', resolve);
      client.once('connect_error', reject);
    });
    return received;
  }

  const staffOf = async (districtCode: typeof GAMLE_OSLO): Promise<ContractClient> =>
    contractApi(
      stack.gatewayUrl,
      await signDevToken({ roles: ['district-staff'], institutionIds: [], districtCode }),
    );

  beforeAll(async () => {
    stack = await startTestStack({ only: ['intake-service', 'gateway'] });
    producer = new EventProducer(stack.messagingAs('ops'));
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await producer?.disconnect();
    await stack?.dispose();
  });

  it('pushes a new referral to intake and its own district, not to another district', async () => {
    const intake = await watcher(['intake'], null);
    const own = await watcher(['district-staff'], GAMLE_OSLO);
    const other = await watcher(['district-staff'], GRUNERLOKKA);

    const staff = await staffOf(GAMLE_OSLO);
    const referral = await staff.call(createReferral, {
      body: { districtCode: GAMLE_OSLO, categories: ['acute'], urgency: 'urgent' },
    });

    await eventually(
      () => {
        expect(intake.map((push) => push.id)).toEqual([referral.id]);
        expect(own.map((push) => push.id)).toEqual([referral.id]);
      },
      { timeoutMs: 15_000 },
    );
    expect(own[0]).toMatchObject({
      id: referral.id,
      districtCode: GAMLE_OSLO,
      status: 'waiting',
      sequence: 1,
    });
    // The trace of the request that registered it, through the outbox and Kafka (ADR 0153).
    expect(own[0].traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(other).toEqual([]);

    // An old change delivered again (a replay, or a redelivery after a rebalance) is not pushed as new.
    // The state as the intake service published it: the REST answer without its list position.
    const state = referralStateSchema.parse(
      Object.fromEntries(Object.entries(referral).filter(([field]) => field !== 'position')),
    );
    const replayed = createEvent({
      source: '/intake-service',
      type: 'no.oslo.plassoversikt.referral.created',
      subject: state.id,
      sequence: state.sequence,
      dataschema: REFERRAL_SCHEMA,
      data: state,
    });
    await producer.send([{ topic: TOPICS.intakeReferrals, key: state.id, value: JSON.stringify(replayed) }]);
    // Its own district's next referral is pushed after the replay: once it is there, the replay was read.
    const next = await staff.call(createReferral, {
      body: { districtCode: GAMLE_OSLO, categories: ['coping'], urgency: 'planned' },
    });
    await eventually(() => expect(own.map((push) => push.id)).toEqual([referral.id, next.id]), {
      timeoutMs: 15_000,
    });
    await sleep(300);
    expect(intake.map((push) => push.id)).toEqual([referral.id, next.id]);
    expect(other).toEqual([]);
  });
});
