/**
 * Only the institution service may put occupancy events on the bus: the broker refuses a client that does
 * not authenticate and a principal without the ACL, and the read model never sees their forgeries (ADR 0100).
 */
import { randomUUID } from 'node:crypto';
import { signDevToken } from '@plass/auth';
import {
  CLOUDEVENTS_JSON,
  CONTENT_TYPE_HEADER,
  getCapacitySnapshot,
  TOPICS,
  type CapacitySnapshot,
  type ContractClient,
} from '@plass/contracts';
import { Messaging, silentLogger } from '@plass/messaging';
import { eventually, occupancyChangedEvent, startTestStack, type TestStack } from '@plass/testing';
import { CONSUMER_GROUP } from '../src/projection/occupancy-projection.service';
import { capacityClient } from './contract-client';

describe('Kafka authentication and authorization', () => {
  let stack: TestStack;
  let capacity: ContractClient;
  const unitId = randomUUID();
  const institutionId = randomUUID();

  function occupancyEvent(sequence: number, occupied: number) {
    const event = occupancyChangedEvent({ unitId, institutionId, sequence, occupied });
    return { key: unitId, value: JSON.stringify(event) };
  }

  /** Produces as `messaging`'s principal with the services' producer settings and one retry. */
  async function produce(messaging: Messaging, message: { key: string; value: string }): Promise<void> {
    const producer = messaging.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // An idempotent producer needs retries; refusals are not retried anyway, a lost connection once.
      retry: { retries: 1, initialRetryTime: 100 },
    });
    try {
      await producer.connect();
      await producer.send({
        topic: messaging.topic(TOPICS.institutionOccupancy),
        acks: -1,
        messages: [{ ...message, headers: { [CONTENT_TYPE_HEADER]: CLOUDEVENTS_JSON } }],
      });
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  }

  async function unitTotals(): Promise<CapacitySnapshot['totals']> {
    return (await capacity.call(getCapacitySnapshot, { query: { scope: 'unit', id: unitId } })).totals;
  }

  async function quiet(): Promise<void> {
    await eventually(
      async () =>
        expect(await stack.messaging.consumerLag(CONSUMER_GROUP, TOPICS.institutionOccupancy)).toBe(0),
      { timeoutMs: 20_000, intervalMs: 100 },
    );
  }

  beforeAll(async () => {
    stack = await startTestStack({ only: ['capacity-service'] });
    capacity = capacityClient(
      stack.urlOf('capacity-service'),
      await signDevToken({ roles: ['intake'], institutionIds: [], districtCode: null }),
    );
    // The proper principal registers the unit: sequence 1, nothing occupied.
    await produce(stack.messagingAs('institution-service'), occupancyEvent(1, 0));
    await eventually(async () => expect((await unitTotals()).occupied).toBe(0), { timeoutMs: 20_000 });
  }, 120_000);

  afterAll(async () => {
    await stack?.dispose();
  });

  it('refuses a client that does not authenticate: no metadata, no produce', async () => {
    const anonymous = new Messaging(
      {
        brokers: stack.settings.kafkaBrokers.split(','),
        clientId: `anonymous-${stack.runId}`,
        topicPrefix: stack.settings.kafkaTopicPrefix,
        partitions: 1,
        replicationFactor: 1,
      },
      silentLogger,
    );
    const admin = anonymous.kafka.admin({ retry: { retries: 0 } });
    await expect(
      admin
        .connect()
        .then(() => admin.fetchTopicMetadata({ topics: [anonymous.topic(TOPICS.institutionOccupancy)] })),
    ).rejects.toThrow();
    await admin.disconnect().catch(() => undefined);
    await expect(produce(anonymous, occupancyEvent(2, 9))).rejects.toThrow();
  });

  it.each(['gateway', 'housing-service'])(
    'refuses %s on institution.occupancy.v1 (TOPIC_AUTHORIZATION_FAILED)',
    async (principal) => {
      const error = await produce(stack.messagingAs(principal), occupancyEvent(2, 7)).then(
        () => null,
        (e: unknown) => e as Error & { type?: string },
      );
      expect(error).not.toBeNull();
      expect(`${error?.type ?? ''} ${error?.message ?? ''}`).toMatch(
        /TOPIC_AUTHORIZATION_FAILED|not authorized to access topics/i,
      );
    },
  );

  it('applies the real next event, not a forgery the broker refused', async () => {
    // Had a forged sequence 2 (occupied 7 or 9) been applied, this real sequence 2 would be dropped as a duplicate.
    await produce(stack.messagingAs('institution-service'), occupancyEvent(2, 3));
    await quiet();
    await eventually(async () => expect(await unitTotals()).toMatchObject({ occupied: 3, available: 7 }), {
      timeoutMs: 20_000,
    });
  });
});
