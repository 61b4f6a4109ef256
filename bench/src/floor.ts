/**
 * The floor: what Kafka itself costs on this machine. Raw kafkajs produce → consume round trips on the
 * same broker, with the occupancy topic's settings (partitions, retention) and the services' client
 * settings (idempotent producer, acks all, one request in flight; consumer maxWaitTimeInMs 100), paced
 * like the end-to-end writes. One send in flight at a time carrying every message that is waiting (what
 * the outbox relay does too); each message carries the time it was handed to the producer.
 */
import { randomUUID } from 'node:crypto';
import { allowTopicWrite } from '@plass/messaging';
import type { BenchContext } from './context';
import { now, sleep } from './clock';
import { measureMachine, type MachineLoad } from './machine';
import { paced } from './pacer';
import { every, log } from './progress';
import { summarize, type Distribution } from './stats';

export interface FloorStep {
  rate: number;
  sent: number;
  received: number;
  roundTripMs: Distribution;
  /** Send call to broker acknowledgement (acks: all). */
  produceMs: Distribution;
  /** Messages per produce request: one send in flight takes all that waited (as the outbox relay does). */
  messagesPerSend: number;
  machine: MachineLoad;
}

export interface FloorResult {
  topic: string;
  partitions: number;
  steps: FloorStep[];
}

const FLOOR_TOPIC = 'bench.floor.v1';
const PADDING = 'x'.repeat(640); // about the size of a unit.occupancy-changed event

export async function measureFloor(ctx: BenchContext): Promise<FloorResult> {
  // Created by the harness (super user); produced and consumed as `ops`, like the rest of the bench,
  // so that the floor pays the same authentication and authorization as the services.
  await ctx.stack.messaging.ensureTopics([{ topic: FLOOR_TOPIC, retentionMs: -1 }]);
  await allowTopicWrite(ctx.stack.messaging, 'ops', FLOOR_TOPIC);
  const messaging = ctx.kafka;
  const topic = messaging.topic(FLOOR_TOPIC);
  const producer = messaging.kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  const consumer = messaging.kafka.consumer({
    groupId: `${messaging.config.topicPrefix}.bench-floor`,
    maxWaitTimeInMs: 100,
    maxBytes: 10 * 1024 * 1024,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    allowAutoTopicCreation: false,
  });
  const arrivals = new Map<string, number>();
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joined = true;
  });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: false });
  await consumer.run({
    eachMessage: ({ message }) => {
      const t = now();
      const { id } = JSON.parse(message.value?.toString('utf8') ?? '{}') as { id?: string };
      if (id) arrivals.set(id, t);
      return Promise.resolve();
    },
  });
  for (let i = 0; i < 300 && !joined; i++) await sleep(100);
  if (!joined) throw new Error('the floor consumer did not join its group within 30 s');

  const steps: FloorStep[] = [];
  try {
    // Warm-up: connections, metadata and the first fetch are not what is measured.
    await producer.send({ topic, acks: -1, messages: [{ key: 'warm', value: JSON.stringify({}) }] });
    await sleep(500);
    for (const rate of ctx.mode.floor.rates) {
      arrivals.clear();
      const sent = new Map<string, number>();
      const acked: number[] = [];
      const sends: Promise<void>[] = [];
      let batches = 0;
      const machine = measureMachine();
      const stop = every(2000, () => log('floor', `${rate}/s: ${sent.size} sent, ${arrivals.size} received`));
      // Like the outbox relay: one send in flight, and each send takes every message waiting by then.
      let waiting: { id: string; at: number }[] = [];
      let inFlight: Promise<void> | null = null;
      const flush = (): void => {
        if (inFlight || waiting.length === 0) return;
        const batch = waiting;
        waiting = [];
        inFlight = producer
          .send({
            topic,
            acks: -1,
            messages: batch.map(({ id, at }) => ({
              key: randomUUID(),
              value: JSON.stringify({ id, at, padding: PADDING }),
            })),
          })
          .then(() => {
            const t = now();
            for (const m of batch) acked.push(t - m.at);
            batches += 1;
            inFlight = null;
            flush();
          });
        sends.push(inFlight);
      };
      await paced(rate, ctx.mode.floor.durationMs, () => {
        const id = randomUUID();
        const at = now();
        sent.set(id, at);
        waiting.push({ id, at });
        flush();
      });
      while (inFlight || waiting.length > 0) {
        await (inFlight ?? sleep(1));
      }
      await Promise.all(sends);
      const deadline = Date.now() + 10_000;
      while (arrivals.size < sent.size && Date.now() < deadline) await sleep(20);
      stop();
      const roundTrips = [...sent].flatMap(([id, at]) => {
        const t = arrivals.get(id);
        return t === undefined ? [] : [t - at];
      });
      const step: FloorStep = {
        rate,
        sent: sent.size,
        received: roundTrips.length,
        roundTripMs: summarize(roundTrips),
        produceMs: summarize(acked),
        messagesPerSend: Math.round((sent.size / Math.max(1, batches)) * 10) / 10,
        machine: machine(),
      };
      steps.push(step);
      log(
        'floor',
        `${rate}/s: round trip p50 ${step.roundTripMs.p50} ms, p99 ${step.roundTripMs.p99} ms (${step.received}/${step.sent})`,
      );
    }
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
  }
  return { topic: FLOOR_TOPIC, partitions: messaging.config.partitions, steps };
}
