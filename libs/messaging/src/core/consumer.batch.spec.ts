import type { EachBatchPayload } from 'kafkajs';
import { ContractViolation } from '@plass/contracts';
import { metricsRegistry, spanIdsOf, startTracing, type TraceCarrier } from '@plass/observability';
import {
  assertConsumersProgressing,
  BatchConsumer,
  type BatchConsumerOptions,
  DEAD_LETTER_MAX_BYTES,
  traceCarrierOf,
} from './consumer';
import type { Messaging } from './kafka';
import type { EventProducer, RawOutgoingMessage } from './producer';
// The header schema of the AsyncAPI document (docs/asyncapi.json).
import { deadLetterHeadersSchema, deadLetterMessageHeadersSchema } from '@plass/contracts';

interface Event {
  n: number;
  bad?: boolean;
}

/** A stand-in for a kafkajs consumer that records what it is asked to do, in order, with the handler's runs. */
class FakeKafkaConsumer {
  readonly events = { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join' } as const;
  readonly log: string[] = [];
  commits: { topic: string; partition: number; offset: string }[][] = [];
  eachBatch: ((payload: EachBatchPayload) => Promise<void>) | null = null;
  failCommits = 0;
  readonly listeners = new Map<string, (event: { payload: unknown }) => void>();
  on = jest.fn((event: string, listener: (event: { payload: unknown }) => void) => {
    this.listeners.set(event, listener);
  });
  connect = jest.fn(() => Promise.resolve());
  subscribe = jest.fn(() => Promise.resolve());
  disconnect = jest.fn(() => Promise.resolve());
  run = jest.fn((config: { eachBatch: (payload: EachBatchPayload) => Promise<void> }) => {
    this.eachBatch = config.eachBatch;
    return Promise.resolve();
  });
  commitOffsets = jest.fn((offsets: { topic: string; partition: number; offset: string }[]) => {
    if (this.failCommits > 0) {
      this.failCommits -= 1;
      return Promise.reject(new Error('The coordinator is not available'));
    }
    this.log.push(`commit ${offsets.map((o) => `${o.partition}@${o.offset}`).join(',')}`);
    this.commits.push(offsets);
    return Promise.resolve();
  });
}

class FakeDeadLetters {
  readonly sent: RawOutgoingMessage[] = [];
  failures = 0;
  constructor(private readonly log: string[]) {}
  send = jest.fn((messages: readonly RawOutgoingMessage[]) => {
    if (this.failures > 0) {
      this.failures -= 1;
      return Promise.reject(new Error('This server does not host this topic-partition'));
    }
    for (const m of messages) this.log.push(`dead letter ${m.headers?.['x-dlq-source-offset']}`);
    this.sent.push(...messages);
    return Promise.resolve();
  });
}

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

interface Setup {
  fake: FakeKafkaConsumer;
  deadLetters: FakeDeadLetters;
  handled: number[][];
  consumer: BatchConsumer<Event>;
  messaging: Messaging;
  logger: { info: jest.Mock; warn: jest.Mock; error: jest.Mock };
}

/**
 * A consumer over the fakes. Its handler behaves like the read model's transaction: the whole list
 * fails (nothing applied) when one message is bad, with PostgreSQL's code for a NUL byte in text.
 */
async function setup(
  options: {
    mergePartitions?: boolean;
    handle?: BatchConsumerOptions<Event>['handle'];
    retryDelaysMs?: number[];
    groupId?: string;
  } = {},
): Promise<Setup> {
  const fake = new FakeKafkaConsumer();
  const deadLetters = new FakeDeadLetters(fake.log);
  const handled: number[][] = [];
  const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const messaging = {
    config: { brokers: [], clientId: 't', topicPrefix: 'p', partitions: 2, replicationFactor: 1 },
    logger,
    kafka: { consumer: () => fake },
    topic: (name: string) => `p.${name}`,
  } as unknown as Messaging;
  const consumer = new BatchConsumer<Event>(messaging, {
    groupId: options.groupId ?? 'g',
    topics: ['t'],
    parse: (raw) => {
      const value = raw as Event;
      if (typeof value?.n !== 'number') throw new ContractViolation('n: expected number');
      return value;
    },
    handle:
      options.handle ??
      ((messages) => {
        fake.log.push(`handle ${messages.map((m) => m.value.n).join(',')}`);
        if (messages.some((m) => m.value.bad)) {
          return Promise.reject(pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'));
        }
        handled.push(messages.map((m) => m.value.n));
        return Promise.resolve();
      }),
    deadLetters: deadLetters as unknown as EventProducer,
    mergePartitions: options.mergePartitions,
    retryDelaysMs: options.retryDelaysMs ?? [],
  });
  await consumer.start();
  return { fake, deadLetters, handled, consumer, messaging, logger };
}

function payload(
  partition: number,
  values: (Event | string | Buffer)[],
  firstOffset = 0,
  highWatermark = firstOffset + values.length,
): EachBatchPayload & { resolveOffset: jest.Mock } {
  return {
    batch: {
      topic: 'p.t',
      partition,
      highWatermark: String(highWatermark),
      messages: values.map((v, i) => ({
        offset: String(firstOffset + i),
        key: Buffer.from(`unit-${i}`),
        value: Buffer.isBuffer(v) ? v : Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)),
        headers: {},
        timestamp: '0',
        attributes: 0,
      })),
    },
    resolveOffset: jest.fn(),
    heartbeat: jest.fn(() => Promise.resolve()),
    isRunning: () => true,
    isStale: () => false,
  } as unknown as EachBatchPayload & { resolveOffset: jest.Mock };
}

const run = (s: Setup, p: EachBatchPayload) =>
  (s.fake.eachBatch as (p: EachBatchPayload) => Promise<void>)(p);

describe('BatchConsumer: handler, commit and dead letters', () => {
  it('commits only after the handler has resolved', async () => {
    let release: () => void = () => undefined;
    const s = await setup({
      handle: () => new Promise<void>((resolve) => (release = resolve)),
    });
    const batch = run(s, payload(0, [{ n: 1 }, { n: 2 }]));
    await new Promise((resolve) => setImmediate(resolve));
    expect(s.fake.commitOffsets).not.toHaveBeenCalled();
    release();
    await batch;
    expect(s.fake.commits).toEqual([[{ topic: 'p.t', partition: 0, offset: '2' }]]);
  });

  it('commits nothing and dead-letters nothing when the handler fails transiently', async () => {
    const s = await setup({
      handle: () => Promise.reject(pgError('08006', 'connection failure')),
      retryDelaysMs: [1, 1],
    });
    const p = payload(0, [{ n: 1 }, { n: 2 }]);
    await expect(run(s, p)).rejects.toThrow('connection failure');
    expect(s.fake.commitOffsets).not.toHaveBeenCalled();
    expect(p.resolveOffset).not.toHaveBeenCalled();
    expect(s.deadLetters.sent).toHaveLength(0);
    // Three tries: the first and one after each pause.
    expect(s.logger.warn).toHaveBeenCalledTimes(3);
  });

  it('retries a transient failure with backoff and then applies and commits once', async () => {
    let calls = 0;
    const s = await setup({
      handle: () =>
        ++calls < 3 ? Promise.reject(pgError('57P01', 'terminating connection')) : Promise.resolve(),
      retryDelaysMs: [1, 1, 1],
    });
    await run(s, payload(0, [{ n: 1 }]));
    expect(calls).toBe(3);
    expect(s.fake.commits).toHaveLength(1);
    expect(s.deadLetters.sent).toHaveLength(0);
  });

  it('dead-letters each message the database refuses, applies the rest in order, then commits', async () => {
    const s = await setup();
    const values = [1, 2, 3, 4, 5, 6, 7].map((n) => ({ n, bad: n === 3 || n === 6 }));
    await run(s, payload(0, [...values, 'not json', { wrong: true } as unknown as Event], 10));
    expect(s.handled.flat()).toEqual([1, 2, 4, 5, 7]);
    const letters = s.deadLetters.sent.map((m) => m.headers ?? {});
    expect(letters.map((h) => [h['x-dlq-source-offset'], h['x-dlq-kind']])).toEqual([
      ['17', 'invalid'],
      ['18', 'invalid'],
      ['12', 'refused'],
      ['15', 'refused'],
    ]);
    expect(letters[2]).toMatchObject({
      'x-dlq-error-code': '22021',
      'x-dlq-source-topic': 'p.t',
      'x-dlq-source-partition': '0',
      'x-dlq-truncated': 'false',
    });
    expect(letters[2]['x-dlq-reason']).toMatch(/PostgreSQL 22021: invalid byte sequence/);
    // Exactly the headers the AsyncAPI document promises (docs/asyncapi.json).
    for (const h of letters) expect(deadLetterHeadersSchema.safeParse(h).error).toBeUndefined();
    expect(s.deadLetters.sent[2].topic).toBe('t.dlq');
    expect(s.deadLetters.sent[2].value).toEqual(Buffer.from(JSON.stringify(values[2])));
    // Dead letters are stored before the offsets move on.
    expect(s.fake.log.slice(-5)).toEqual([
      'dead letter 17',
      'dead letter 18',
      'dead letter 12',
      'dead letter 15',
      'commit 0@19',
    ]);
  });

  it('dead-letters a message a constraint refuses, and a message the handler refuses itself', async () => {
    const s = await setup({
      handle: (messages) => {
        if (messages.some((m) => m.value.n === 1)) return Promise.reject(pgError('23514', 'violates check'));
        if (messages.some((m) => m.value.n === 2))
          return Promise.reject(new ContractViolation('no such unit'));
        return Promise.resolve();
      },
    });
    await run(s, payload(0, [{ n: 1 }, { n: 2 }, { n: 3 }]));
    expect(s.deadLetters.sent.map((m) => m.headers?.['x-dlq-source-offset'])).toEqual(['0', '1']);
    expect(s.fake.commits).toHaveLength(1);
  });

  it('handles the batches of all partitions of a fetch in one handler run and commits them together', async () => {
    const s = await setup({ mergePartitions: true });
    await Promise.all([
      run(s, payload(0, [{ n: 1 }, { n: 2 }])),
      run(s, payload(1, [{ n: 3 }])),
      run(s, payload(2, [{ n: 4 }])),
    ]);
    expect(s.handled).toEqual([[1, 2, 3, 4]]);
    expect(s.fake.commits).toEqual([
      [
        { topic: 'p.t', partition: 0, offset: '2' },
        { topic: 'p.t', partition: 1, offset: '1' },
        { topic: 'p.t', partition: 2, offset: '1' },
      ],
    ]);
  });

  it('goes on on every partition when one partition of a merged batch holds a refused message', async () => {
    const s = await setup({ mergePartitions: true });
    await Promise.all([
      run(s, payload(0, [{ n: 1 }, { n: 2, bad: true }, { n: 3 }])),
      run(s, payload(1, [{ n: 4 }, { n: 5 }])),
    ]);
    expect(s.handled.flat().sort()).toEqual([1, 3, 4, 5]);
    expect(s.deadLetters.sent).toHaveLength(1);
    expect(s.fake.commits).toEqual([
      [
        { topic: 'p.t', partition: 0, offset: '3' },
        { topic: 'p.t', partition: 1, offset: '2' },
      ],
    ]);
  });

  it('stores a dead letter too large for the dead-letter topic truncated, with its original size', async () => {
    const s = await setup();
    const huge = Buffer.alloc(DEAD_LETTER_MAX_BYTES + 10, 'x');
    await run(s, payload(0, [huge], 41));
    const [letter] = s.deadLetters.sent;
    expect(letter.value.length).toBeLessThan(DEAD_LETTER_MAX_BYTES - 1024);
    expect(letter.headers).toMatchObject({
      'x-dlq-truncated': 'true',
      'x-dlq-original-size': String(huge.length),
      'x-dlq-source-offset': '41',
    });
    expect(s.fake.commits).toHaveLength(1);
  });

  it('gives a whole dead letter its source’s content-type, and a truncated one or one of a source without none', async () => {
    const s = await setup();
    const batch = payload(0, [
      { wrong: 1 } as unknown as Event,
      { wrong: 2 } as unknown as Event,
      'x'.repeat(10),
    ]);
    const [structured, binary] = batch.batch.messages;
    structured.headers = { 'content-type': Buffer.from('application/cloudevents+json') };
    binary.headers = { 'Content-Type': [Buffer.from('text/plain'), Buffer.from('ignored')] };
    await run(s, batch);
    expect(s.deadLetters.sent.map((m) => m.contentType)).toEqual([
      'application/cloudevents+json',
      'text/plain',
      null,
    ]);
    const truncated = await setup();
    const huge = payload(0, [Buffer.alloc(DEAD_LETTER_MAX_BYTES + 10, 'x')]);
    huge.batch.messages[0].headers = { 'content-type': 'application/cloudevents+json' };
    await run(truncated, huge);
    expect(truncated.deadLetters.sent[0].contentType).toBeNull();
  });

  it('commits nothing while a dead letter cannot be stored, says so as an error, and stores it once', async () => {
    const s = await setup({ retryDelaysMs: [1] });
    s.deadLetters.failures = 2;
    await expect(run(s, payload(0, ['not json', { n: 1 }]))).rejects.toThrow(/topic-partition/);
    expect(s.fake.commitOffsets).not.toHaveBeenCalled();
    expect(s.logger.error).toHaveBeenCalledTimes(2);
    await run(s, payload(0, ['not json', { n: 1 }]));
    expect(s.deadLetters.sent).toHaveLength(1);
    expect(s.fake.commits).toHaveLength(1);
  });

  it('does not handle again what it applied when only the commit failed', async () => {
    const s = await setup({ retryDelaysMs: [1] });
    s.fake.failCommits = 1;
    await run(s, payload(0, [{ n: 1 }]));
    expect(s.handled).toEqual([[1]]);
    expect(s.fake.commits).toHaveLength(1);
  });
});

describe('BatchConsumer readiness', () => {
  it('reports a partition with a batch unfinished for longer than the limit, and clears it on commit', async () => {
    let fail = true;
    const s = await setup({
      handle: () => (fail ? Promise.reject(pgError('08006', 'connection failure')) : Promise.resolve()),
    });
    const t0 = Date.now();
    await expect(run(s, payload(3, [{ n: 1 }], 0, 5))).rejects.toThrow();
    expect(() => assertConsumersProgressing(s.messaging, 60_000, t0 + 30_000)).not.toThrow();
    expect(() => assertConsumersProgressing(s.messaging, 60_000, t0 + 61_000)).toThrow(
      /made no progress on p\.t\/3 .* \(lag 5\)/,
    );
    fail = false;
    await run(s, payload(3, [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }], 0, 5));
    expect(() => assertConsumersProgressing(s.messaging, 60_000, t0 + 61_000)).not.toThrow();
    await s.consumer.stop();
  });

  it('forgets a partition that a rebalance gave to another member', async () => {
    const s = await setup({ handle: () => Promise.reject(pgError('08006', 'down')) });
    await expect(run(s, payload(3, [{ n: 1 }]))).rejects.toThrow();
    const later = Date.now() + 120_000;
    expect(() => assertConsumersProgressing(s.messaging, 60_000, later)).toThrow(/p\.t\/3/);
    s.fake.listeners.get(s.fake.events.GROUP_JOIN)?.({ payload: { memberAssignment: { 'p.t': [0, 1] } } });
    expect(() => assertConsumersProgressing(s.messaging, 60_000, later)).not.toThrow();
    await s.consumer.stop();
  });

  it('forgets a stopped consumer', async () => {
    const s = await setup({ handle: () => Promise.reject(pgError('08006', 'down')) });
    await expect(run(s, payload(0, [{ n: 1 }]))).rejects.toThrow();
    await s.consumer.stop();
    expect(() => assertConsumersProgressing(s.messaging, 1000, Date.now() + 5000)).not.toThrow();
  });
});

describe('BatchConsumer metrics', () => {
  const metric = async (name: string) => (await metricsRegistry.getSingleMetricAsString(name)).split('\n');

  it('shows the lag of each partition from its last fetch, growing while stuck and 0 once committed', async () => {
    let fail = true;
    const s = await setup({
      groupId: 'lagging',
      handle: () => (fail ? Promise.reject(pgError('08006', 'connection failure')) : Promise.resolve()),
    });
    await expect(run(s, payload(3, [{ n: 1 }, { n: 2 }], 10, 14))).rejects.toThrow();
    expect(await metric('plass_kafka_consumer_lag_messages')).toContain(
      'plass_kafka_consumer_lag_messages{group="p.lagging",topic="p.t",partition="3"} 4',
    );
    // Fetched again, with more written meanwhile: the lag grows though nothing was consumed.
    await expect(run(s, payload(3, [{ n: 1 }, { n: 2 }], 10, 20))).rejects.toThrow();
    expect(await metric('plass_kafka_consumer_lag_messages')).toContain(
      'plass_kafka_consumer_lag_messages{group="p.lagging",topic="p.t",partition="3"} 10',
    );
    fail = false;
    await run(s, payload(3, [{ n: 1 }, { n: 2 }, { n: 3 }], 10, 20));
    expect(await metric('plass_kafka_consumer_lag_messages')).toContain(
      'plass_kafka_consumer_lag_messages{group="p.lagging",topic="p.t",partition="3"} 7',
    );
    await run(
      s,
      payload(
        3,
        [3, 4, 5, 6, 7, 8, 9].map((n) => ({ n })),
        13,
        20,
      ),
    );
    expect(await metric('plass_kafka_consumer_lag_messages')).toContain(
      'plass_kafka_consumer_lag_messages{group="p.lagging",topic="p.t",partition="3"} 0',
    );
    await s.consumer.stop();
    expect((await metric('plass_kafka_consumer_lag_messages')).join('\n')).not.toContain('p.lagging');
  });

  it('counts dead letters by source topic and kind, from 0 for every consumed topic', async () => {
    const s = await setup({ groupId: 'poisoned' });
    const series = (kind: string) =>
      `plass_kafka_dead_letters_total{group="p.poisoned",topic="p.t",kind="${kind}"}`;
    expect(await metric('plass_kafka_dead_letters_total')).toEqual(
      expect.arrayContaining([`${series('invalid')} 0`, `${series('refused')} 0`]),
    );
    await run(s, payload(0, [{ n: 1 }, { n: 2, bad: true }, 'not json', { n: 4, bad: true }]));
    expect(await metric('plass_kafka_dead_letters_total')).toEqual(
      expect.arrayContaining([`${series('invalid')} 1`, `${series('refused')} 2`]),
    );
    await s.consumer.stop();
  });

  it('does not count a dead letter that could not be stored', async () => {
    const s = await setup({ groupId: 'unstored', retryDelaysMs: [] });
    s.deadLetters.failures = 1;
    await expect(run(s, payload(0, ['not json']))).rejects.toThrow();
    expect(await metric('plass_kafka_dead_letters_total')).toContain(
      'plass_kafka_dead_letters_total{group="p.unstored",topic="p.t",kind="invalid"} 0',
    );
    await s.consumer.stop();
  });
});

describe('BatchConsumer: trace context (ADR 0153)', () => {
  const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
  const traceparent = `00-${TRACE}-00f067aa0ba902b7-01`;

  beforeAll(() => {
    // The tracer provider that makes the consumer's span, as in a service.
    startTracing('consumer-test', {});
  });

  it("hands the handler each message's trace headers and the headers of its span in that trace", async () => {
    let active: ReturnType<typeof spanIdsOf>;
    let traces: (TraceCarrier | undefined)[] = [];
    const s = await setup({
      handle: async (messages, batch) => {
        await Promise.resolve();
        active = spanIdsOf(batch.trace);
        traces = messages.map((m) => m.trace);
      },
    });
    const batch = payload(0, [{ n: 1 }, { n: 2 }]);
    batch.batch.messages[0].headers = { traceparent: Buffer.from(traceparent), tracestate: 'plass=1' };
    await run(s, batch);
    expect(traces).toEqual([{ traceparent, tracestate: 'plass=1' }, undefined]);
    expect(active?.traceId).toBe(TRACE);
    expect(active?.spanId).not.toBe('00f067aa0ba902b7');
  });

  it('gives a dead letter the trace headers of its source when they are valid', async () => {
    const s = await setup();
    const batch = payload(0, [{ wrong: 1 } as unknown as Event, { wrong: 2 } as unknown as Event]);
    batch.batch.messages[0].headers = { traceparent, tracestate: 'plass=1' };
    batch.batch.messages[1].headers = { traceparent: 'garbage' };
    await run(s, batch);
    const [traced, untraced] = s.deadLetters.sent.map((m) => m.headers ?? {});
    expect(traced).toMatchObject({ traceparent, tracestate: 'plass=1' });
    expect(untraced).not.toHaveProperty('traceparent');
    for (const headers of [traced, untraced]) {
      expect(deadLetterMessageHeadersSchema.safeParse(headers).success).toBe(true);
    }
  });
});

describe(traceCarrierOf.name, () => {
  it('reads traceparent and tracestate as text, and nothing without a traceparent', () => {
    expect(traceCarrierOf({ traceparent: Buffer.from('00-a-b-01') })).toEqual({ traceparent: '00-a-b-01' });
    expect(traceCarrierOf({ traceparent: ['00-a-b-01', 'second'], tracestate: 'x=1' })).toEqual({
      traceparent: '00-a-b-01',
      tracestate: 'x=1',
    });
    expect(traceCarrierOf({ tracestate: 'x=1' })).toBeUndefined();
    expect(traceCarrierOf(undefined)).toBeUndefined();
    expect(traceCarrierOf({ traceparent: 'x'.repeat(56) })).toBeUndefined();
  });
});
