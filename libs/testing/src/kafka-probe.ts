/**
 * Listens to one topic of a test stack's namespace with a fresh consumer group, from the beginning,
 * and keeps every message parsed, so a test can assert on the events that really reached Kafka.
 */
import { randomBytes } from 'node:crypto';
import type { Messaging } from '@plass/messaging';
import { eventually } from './eventually';

export interface ProbedMessage<T> {
  partition: number;
  offset: string;
  key: string | null;
  /** The message's headers as text (the first value of a repeated one). */
  headers: Record<string, string>;
  /** The value's bytes as they came. */
  raw: Buffer | null;
  value: T;
}

export interface KafkaProbe<T> {
  /** Every message received so far, in arrival order (per partition: in offset order). */
  readonly messages: ProbedMessage<T>[];
  /** The values received so far. */
  values(): T[];
  /**
   * Resolves with the values matching `predicate` once at least `count` (default 1) have arrived;
   * rejects after `timeoutMs` (default 15 s) saying how many matched out of how many seen.
   */
  waitFor(predicate: (value: T) => boolean, options?: { count?: number; timeoutMs?: number }): Promise<T[]>;
  stop(): Promise<void>;
}

export interface KafkaProbeOptions<T> {
  /** Turns the JSON value into T; throws for messages the test should treat as broken. Default: as is. */
  parse?: (value: unknown) => T;
  /**
   * Leave out messages that do not parse instead of failing `waitFor`: for sampling a topic that may
   * hold messages injected on purpose (the fault suite's malformed ones stay on the topic for ever).
   */
  skipInvalid?: boolean;
}

/** `topic` as named in the contract; the stack's topic prefix is added. */
export async function startKafkaProbe<T = unknown>(
  messaging: Messaging,
  topic: string,
  options: KafkaProbeOptions<T> = {},
): Promise<KafkaProbe<T>> {
  const parse = options.parse ?? ((value: unknown) => value as T);
  const prefix = messaging.config.topicPrefix;
  const groupId = `${prefix ? `${prefix}.` : ''}probe-${randomBytes(4).toString('hex')}`;
  const consumer = messaging.kafka.consumer({ groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
  const messages: ProbedMessage<T>[] = [];
  const broken: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [messaging.topic(topic)], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      try {
        messages.push({
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          headers: Object.fromEntries(
            Object.entries(message.headers ?? {}).flatMap(([name, v]) => {
              const first = Array.isArray(v) ? v[0] : v;
              return first === undefined ? [] : [[name, first.toString()]];
            }),
          ),
          raw: message.value,
          value: parse(JSON.parse(message.value?.toString('utf8') ?? 'null')),
        });
      } catch (error) {
        if (options.skipInvalid) return Promise.resolve();
        broken.push(`partition ${partition} offset ${message.offset}: ${String(error)}`);
      }
      return Promise.resolve();
    },
  });

  const values = () => messages.map((m) => m.value);
  return {
    messages,
    values,
    async waitFor(predicate, { count = 1, timeoutMs = 15_000 } = {}) {
      return eventually(
        () => {
          if (broken.length > 0)
            throw new Error(`messages that did not parse on ${topic}:\n${broken.join('\n')}`);
          const matching = values().filter(predicate);
          if (matching.length < count) {
            throw new Error(
              `waited for ${count} matching message(s) on ${topic}, ${matching.length} matched of ${messages.length} seen`,
            );
          }
          return matching;
        },
        { timeoutMs, intervalMs: 25 },
      );
    },
    async stop() {
      await consumer.disconnect();
      const admin = messaging.kafka.admin();
      await admin.connect();
      try {
        await admin.deleteGroups([groupId]).catch(() => undefined);
      } finally {
        await admin.disconnect();
      }
    },
  };
}
