import { EventEmitter } from 'node:events';
import type { EventProducer } from './producer';
import { assertConsumersProgressing, BatchConsumer } from './consumer';
import type { Messaging } from './kafka';

/** A stand-in for a kafkajs consumer: counts the calls and lets a test emit its CRASH event. */
class FakeConsumer extends EventEmitter {
  readonly events = { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join' } as const;
  connects = 0;
  runs = 0;
  disconnects = 0;
  failNextConnect = false;
  connect = jest.fn(() => {
    this.connects += 1;
    if (this.failNextConnect) {
      this.failNextConnect = false;
      return Promise.reject(new Error('broker not there yet'));
    }
    return Promise.resolve();
  });
  subscribe = jest.fn(() => Promise.resolve());
  run = jest.fn(() => {
    this.runs += 1;
    return Promise.resolve();
  });
  disconnect = jest.fn(() => {
    this.disconnects += 1;
    return Promise.resolve();
  });
  crash(restart: boolean): void {
    this.emit(this.events.CRASH, {
      payload: { error: new Error('Failed to find group coordinator'), groupId: 'g', restart },
    });
  }
}

function consumerWith(fake: FakeConsumer, messaging = fakeMessaging(fake)): BatchConsumer<unknown> {
  return new BatchConsumer(messaging, {
    groupId: 'g',
    topics: ['t'],
    parse: (raw) => raw,
    handle: () => Promise.resolve(),
    deadLetters: {} as EventProducer,
  });
}

function fakeMessaging(fake: FakeConsumer): Messaging {
  const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
  return {
    config: { brokers: [], clientId: 't', topicPrefix: '', partitions: 1, replicationFactor: 1 },
    logger,
    kafka: { consumer: () => fake },
    topic: (name: string) => name,
  } as unknown as Messaging;
}

describe('BatchConsumer after a crash', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('starts again when kafkajs gives up on the consumer, retrying until it connects', async () => {
    const fake = new FakeConsumer();
    const consumer = consumerWith(fake);
    await consumer.start();
    expect(fake.runs).toBe(1);

    fake.failNextConnect = true;
    fake.crash(false);
    await jest.advanceTimersByTimeAsync(1000);
    expect(fake.connects).toBe(2); // the first attempt failed
    expect(fake.runs).toBe(1);
    await jest.advanceTimersByTimeAsync(2000);
    expect(fake.connects).toBe(3);
    expect(fake.runs).toBe(2);
  });

  it('leaves the restart to kafkajs when kafkajs restarts it, and stays down once stopped', async () => {
    const fake = new FakeConsumer();
    const consumer = consumerWith(fake);
    await consumer.start();
    fake.crash(true);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(fake.runs).toBe(1);

    await consumer.stop();
    fake.crash(false);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(fake.runs).toBe(1);
  });

  it('is not ready while it stays down after a crash for longer than the stall limit', async () => {
    const fake = new FakeConsumer();
    const messaging = fakeMessaging(fake);
    const consumer = consumerWith(fake, messaging);
    await consumer.start();
    fake.connect.mockImplementation(() => Promise.reject(new Error('broker not there')));
    fake.crash(false);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(() => assertConsumersProgressing(messaging, 10_000)).not.toThrow();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(() => assertConsumersProgressing(messaging, 10_000)).toThrow(
      /consumer g down for \d+ ms after a crash/,
    );
    fake.connect.mockImplementation(() => Promise.resolve());
    await jest.advanceTimersByTimeAsync(30_000);
    expect(() => assertConsumersProgressing(messaging, 10_000)).not.toThrow();
    await consumer.stop();
  });
});
