/**
 * Batch consumer runner: validates every message, hands the valid ones to the handler, sends every
 * message that fails for good to `<topic>.dlq` with the reason, and commits offsets only after the
 * handler has resolved and the dead letters are stored (so a crash before that replays the batch;
 * handlers are idempotent). No single message can stop it (ADR 0105):
 *
 * - A message that does not match its contract is dead-lettered before the handler runs.
 * - When the handler fails with a deterministic error (a database refusal of the data: SQLSTATE class 22
 *   or 23, a ContractViolation, a RefusedMessage), the messages are handed to it again in halves, in
 *   order, each half its own handler run (for the read model, its own transaction), down to the single
 *   messages that fail alone; those are dead-lettered, the rest is applied, then the offsets commit.
 * - A transient failure (database or broker down, a timeout, anything not known to be deterministic) is
 *   retried with backoff, never dead-lettered and never committed; after a few tries the batch goes back
 *   to kafkajs, which fetches it again (and rejoins the group if it has to).
 * - A dead letter too large for the dead-letter topic is stored truncated (`x-dlq-truncated`,
 *   `x-dlq-original-size`). A dead letter that cannot be stored at all is logged as an error at every
 *   try, the offsets stay uncommitted, and readiness reports the stall (`stalls()`).
 *
 * With `mergePartitions`, the batches of all partitions that one fetch returned go to the handler as one
 * call (each partition's messages in offset order), and their offsets are committed together: one
 * handler run (for the read model, one transaction) per fetch instead of one per partition, one after
 * the other. Under load that is both fewer transactions and less waiting for the last partition.
 */
import type { Consumer, EachBatchPayload, IHeaders, KafkaMessage } from 'kafkajs';
import { ContractViolation, deadLetterTopic } from '@plass/contracts';
import {
  inConsumerSpan,
  spanContextOf,
  TRACEPARENT_HEADER,
  TRACESTATE_HEADER,
  type TraceCarrier,
} from '@plass/observability';
import { DEFAULT_SESSION_TIMEOUT_MS } from './config';
import { classifyFailure, type Failure } from './failures';
import type { Messaging } from './kafka';
import { consumerLag, deadLetters, type ConsumerLagSample } from './messaging-metrics';
import type { EventProducer, RawOutgoingMessage } from './producer';

export interface ConsumedMessage<T> {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: T;
  /** The message's `traceparent`/`tracestate` headers (ADR 0153); undefined when it has none. */
  trace?: TraceCarrier;
}

export interface BatchConsumerOptions<T> {
  groupId: string;
  /** Topics as named in the contract. */
  topics: string[];
  /** Parses one message value; throws (ContractViolation) when it does not match the contract. */
  parse: (value: unknown) => T;
  /**
   * Handles a batch. `batch.trace` is the headers of the batch's consumer span (ADR 0153): bind it to the
   * handler's transaction (`bindTrace`) so its outbox rows continue the trace (ADR 0155).
   */
  handle: (messages: ConsumedMessage<T>[], batch: { trace: TraceCarrier }) => Promise<void>;
  /** Where poison messages go; required so nothing is silently dropped. */
  deadLetters: EventProducer;
  fromBeginning?: boolean;
  /** Upper bound of one fetch, in bytes. */
  maxBytes?: number;
  /** Hand the batches of one fetch to the handler together (see above). Default: one call per partition. */
  mergePartitions?: boolean;
  /** Which handler failures belong to the message (dead letter) rather than the moment (retry). */
  classify?: (error: unknown) => Failure;
  /** Pauses between tries of a transiently failing batch, before it goes back to kafkajs. */
  retryDelaysMs?: number[];
}

/** Upper bound of one merged handler run, in messages (a single partition batch may be larger). */
const MERGED_MESSAGES = 5000;

/**
 * `max.message.bytes` of every dead-letter topic (set when the topic is created, see topics.ts), at most
 * the broker's default `message.max.bytes` (1,048,588), so it holds for topics created before too.
 */
export const DEAD_LETTER_MAX_BYTES = 1024 * 1024;
/** Room left in a dead letter for its key, headers and the record batch's own overhead. */
const DEAD_LETTER_ROOM = 16 * 1024;
const DEAD_LETTER_KEY_BYTES = 1024;

/** Default pauses between tries of a transiently failing batch (about 6 s in all: below a session timeout). */
const RETRY_DELAYS_MS = [200, 400, 800, 1600, 3200];

/** A consumer that has had an unfinished batch for longer than this is not ready (`CONSUMER_STALL_LIMIT_MS`). */
export const DEFAULT_STALL_LIMIT_MS = 60_000;

export function stallLimitMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.CONSUMER_STALL_LIMIT_MS;
  if (raw === undefined || raw === '') return DEFAULT_STALL_LIMIT_MS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1000) {
    throw new Error(`CONSUMER_STALL_LIMIT_MS must be an integer of at least 1000, not "${raw}"`);
  }
  return value;
}

interface DeadLetter {
  topic: string;
  partition: number;
  message: KafkaMessage;
  reason: string;
  /** `invalid`: refused by the contract; `refused`: refused by the handler (the database). */
  kind: 'invalid' | 'refused';
  code?: string;
}

interface PendingBatch<T> {
  topic: string;
  partition: number;
  valid: ConsumedMessage<T>[];
  invalid: DeadLetter[];
  raw: Map<ConsumedMessage<T>, KafkaMessage>;
  commit: { topic: string; partition: number; offset: string };
  /** The last offset of the batch the broker had (its high watermark − 1). */
  highWatermark: string;
  heartbeat: () => Promise<void>;
  usable: () => boolean;
  done: (error?: Error) => void;
}

/** Per partition: since when a fetched batch is waiting to be committed. */
interface PartitionProgress {
  pendingSince: number | null;
  committed: bigint | null;
  /** The first offset fetched since the assignment: where the group's position was before its first commit. */
  fetchedFrom: bigint | null;
  highWatermark: bigint;
}

/** Consumers of each Messaging (one per service), for readiness. */
const consumersOf = new WeakMap<Messaging, Set<BatchConsumer<unknown>>>();

/**
 * Readiness of every BatchConsumer of a service: throws, naming them, when one has held an unfinished
 * batch (lag > 0) for longer than `limitMs`, or has been down after a crash for that long. Cheap: it
 * reads what the consumers recorded, no broker call.
 */
export function assertConsumersProgressing(
  messaging: Messaging,
  limitMs = stallLimitMs(),
  now = Date.now(),
): void {
  const stalls = [...(consumersOf.get(messaging) ?? [])].flatMap((c) => c.stalls(limitMs, now));
  if (stalls.length > 0) throw new Error(stalls.join('; '));
}

export class BatchConsumer<T> {
  private readonly consumer: Consumer;
  private pending: PendingBatch<T>[] = [];
  private flushing: Promise<void> | null = null;
  private flushScheduled = false;
  private stopped = false;
  private readonly progress = new Map<string, PartitionProgress>();
  private downSince: number | null = null;
  private readonly classify: (error: unknown) => Failure;
  private readonly retryDelaysMs: number[];
  /** The group id as Kafka knows it (with the namespace prefix): the metrics' `group` label. */
  private readonly kafkaGroupId: string;
  private removeLagSource: (() => void) | null = null;
  /** The consumer span's name, `process <topics>` (OpenTelemetry's messaging conventions). */
  private readonly spanName: string;

  constructor(
    private readonly messaging: Messaging,
    private readonly options: BatchConsumerOptions<T>,
  ) {
    const sessionTimeout = messaging.config.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS;
    this.kafkaGroupId = messaging.config.topicPrefix
      ? `${messaging.config.topicPrefix}.${options.groupId}`
      : options.groupId;
    this.consumer = messaging.kafka.consumer({
      groupId: this.kafkaGroupId,
      maxWaitTimeInMs: 100,
      maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
      sessionTimeout,
      heartbeatInterval: Math.floor(sessionTimeout / 10),
      allowAutoTopicCreation: false,
    });
    this.spanName = `process ${options.topics.join(',')}`;
    this.classify = options.classify ?? classifyFailure;
    this.retryDelaysMs = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  }

  async start(): Promise<void> {
    this.stopped = false;
    const all = consumersOf.get(this.messaging) ?? new Set();
    all.add(this as BatchConsumer<unknown>);
    consumersOf.set(this.messaging, all);
    this.removeLagSource ??= consumerLag().add(() => this.lagSamples());
    // Every series from the start at 0, so the first dead letter is an increase Prometheus can see.
    for (const topic of this.options.topics) {
      for (const kind of ['invalid', 'refused'] as const) {
        deadLetters().inc({ group: this.kafkaGroupId, topic: this.messaging.topic(topic), kind }, 0);
      }
    }
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      // kafkajs restarts a consumer after a retriable error itself; after any other (a broker restart can
      // end in "Failed to find group coordinator") it disconnects for good and nothing would consume again.
      if (payload.restart || this.stopped) return;
      this.downSince ??= Date.now();
      this.messaging.logger.error(
        { groupId: payload.groupId, err: payload.error.message },
        'consumer crashed and kafkajs will not restart it; restarting it',
      );
      void this.restartAfterCrash();
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      // Partitions that went to another member are no longer this consumer's to finish.
      const assigned = new Set(
        Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) =>
          partitions.map((p) => `${topic}/${p}`),
        ),
      );
      for (const key of this.progress.keys()) if (!assigned.has(key)) this.progress.delete(key);
    });
    await this.connectAndRun();
  }

  private async restartAfterCrash(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** attempt)));
      if (this.stopped) return;
      try {
        await this.connectAndRun();
        this.downSince = null;
        this.messaging.logger.info({ groupId: this.options.groupId, attempt }, 'consumer restarted');
        return;
      } catch (error) {
        this.messaging.logger.warn(
          { groupId: this.options.groupId, attempt, err: (error as Error).message },
          'consumer restart failed; trying again',
        );
        await this.consumer.disconnect().catch(() => undefined);
      }
    }
  }

  private async connectAndRun(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.options.topics.map((t) => this.messaging.topic(t)),
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      // kafkajs hands every batch of a fetch to a worker at once; the batches are then merged in onBatch.
      partitionsConsumedConcurrently: this.options.mergePartitions ? 64 : 1,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    consumersOf.get(this.messaging)?.delete(this as BatchConsumer<unknown>);
    this.removeLagSource?.();
    this.removeLagSource = null;
    this.progress.clear();
    await this.consumer.disconnect();
  }

  /** Fires with the partition assignment after every rebalance (tests wait on it). */
  onGroupJoin(listener: () => void): void {
    this.consumer.on(this.consumer.events.GROUP_JOIN, listener);
  }

  /**
   * What keeps this consumer from being ready: every partition whose fetched batch has waited for its
   * commit for longer than `limitMs` (lag > 0 and no progress), and a crash not recovered from for that long.
   */
  stalls(limitMs: number, now = Date.now()): string[] {
    const found: string[] = [];
    if (this.downSince !== null && now - this.downSince > limitMs) {
      found.push(`consumer ${this.options.groupId} down for ${now - this.downSince} ms after a crash`);
    }
    for (const [key, p] of this.progress) {
      if (p.pendingSince === null || now - p.pendingSince <= limitMs) continue;
      const lag = p.highWatermark - (p.committed ?? 0n);
      found.push(
        `consumer ${this.options.groupId} made no progress on ${key} for ${now - p.pendingSince} ms (lag ${lag})`,
      );
    }
    return found;
  }

  /**
   * Per assigned partition this consumer has fetched from: its high watermark at the last fetch minus the
   * offset committed (or, before the first commit, the first offset fetched). Grows while the consumer is
   * stuck, since every retry fetches again; stays at its last value while nothing is fetched.
   */
  lagSamples(): ConsumerLagSample[] {
    return [...this.progress].map(([key, p]) => {
      const slash = key.lastIndexOf('/');
      const position = p.committed ?? p.fetchedFrom ?? p.highWatermark;
      const lag = p.highWatermark > position ? p.highWatermark - position : 0n;
      return {
        labels: { group: this.kafkaGroupId, topic: key.slice(0, slash), partition: key.slice(slash + 1) },
        value: Number(lag),
      };
    });
  }

  private async onBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    if (batch.messages.length === 0 || !isRunning() || isStale()) return;
    const progress = this.progressOf(batch.topic, batch.partition);
    progress.pendingSince ??= Date.now();
    progress.highWatermark = BigInt(batch.highWatermark);
    progress.fetchedFrom ??= BigInt(batch.messages[0].offset);
    const valid: ConsumedMessage<T>[] = [];
    const invalid: DeadLetter[] = [];
    const raw = new Map<ConsumedMessage<T>, KafkaMessage>();
    for (const message of batch.messages) {
      try {
        const value: unknown = JSON.parse(message.value?.toString('utf8') ?? 'null');
        const consumed: ConsumedMessage<T> = {
          topic: batch.topic,
          partition: batch.partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          value: this.options.parse(value),
          trace: traceCarrierOf(message.headers),
        };
        valid.push(consumed);
        raw.set(consumed, message);
      } catch (error) {
        const reason = error instanceof ContractViolation ? error.reason : `not valid JSON: ${String(error)}`;
        invalid.push({ topic: batch.topic, partition: batch.partition, message, reason, kind: 'invalid' });
      }
    }
    const last = batch.messages[batch.messages.length - 1].offset;
    const entry = {
      topic: batch.topic,
      partition: batch.partition,
      valid,
      invalid,
      raw,
      commit: { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
      highWatermark: batch.highWatermark,
      heartbeat,
      usable: () => isRunning() && !isStale(),
    };
    if (this.options.mergePartitions) {
      await new Promise<void>((resolve, reject) => {
        this.pending.push({ ...entry, done: (error) => (error === undefined ? resolve() : reject(error)) });
        this.scheduleFlush();
      });
    } else {
      await this.process([{ ...entry, done: () => undefined }]);
    }
    resolveOffset(last);
    await heartbeat();
  }

  private progressOf(topic: string, partition: number): PartitionProgress {
    const key = `${topic}/${partition}`;
    let p = this.progress.get(key);
    if (!p) {
      p = { pendingSince: null, committed: null, fetchedFrom: null, highWatermark: 0n };
      this.progress.set(key, p);
    }
    return p;
  }

  /**
   * The batches of one fetch arrive in the same turn of the event loop: collect them until the next
   * turn, then handle them together, in runs of whole partition batches of at most MERGED_MESSAGES
   * messages, so one run stays short (heartbeats, memory, PostgreSQL's statement sizes). One run at a
   * time; batches arriving meanwhile wait for the next.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    const run = async () => {
      await this.flushing;
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.flushScheduled = false;
      const group = this.pending;
      this.pending = [];
      for (const chunk of chunks(group, MERGED_MESSAGES)) {
        try {
          await this.process(chunk);
          for (const b of chunk) b.done();
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(`merged batch failed: ${String(error)}`);
          for (const b of group) b.done(failure);
          return;
        }
      }
    };
    this.flushing = run();
  }

  /**
   * Handles the batches' valid messages (isolating those the handler refuses), stores the dead letters,
   * then commits: in that order, each step once, with backoff between tries of a transient failure.
   * Throws (nothing committed) once the tries are used up or the batches are no longer this member's.
   */
  private async process(group: PendingBatch<T>[]): Promise<void> {
    const messages = group.flatMap((b) => b.valid);
    const raw = new Map(group.flatMap((b) => [...b.raw]));
    const refused = new Map<ConsumedMessage<T>, Failure>();
    let handled = messages.length === 0;
    let deadLettered = false;
    const sent = new Set<KafkaMessage>();
    for (let attempt = 0; ; attempt++) {
      try {
        if (!handled) {
          await this.handleIsolating(
            messages.filter((m) => !refused.has(m)),
            refused,
          );
          handled = true;
        }
        if (!deadLettered) {
          await this.sendToDeadLetters(sent, [
            ...group.flatMap((b) => b.invalid),
            ...[...refused].map(([m, failure]) => ({
              topic: m.topic,
              partition: m.partition,
              message: raw.get(m) as KafkaMessage,
              reason: failure.reason,
              kind: 'refused' as const,
              code: failure.code,
            })),
          ]);
          deadLettered = true;
        }
        await this.consumer.commitOffsets(group.map((b) => b.commit));
        const now = Date.now();
        for (const b of group) {
          const p = this.progressOf(b.topic, b.partition);
          p.committed = BigInt(b.commit.offset);
          p.pendingSince = BigInt(b.highWatermark) > p.committed ? now : null;
        }
        return;
      } catch (error) {
        const step = !handled ? 'handler' : !deadLettered ? 'dead-lettering' : 'commit';
        const delay = this.retryDelaysMs[attempt];
        const usable = group.every((b) => b.usable());
        this.messaging.logger[step === 'dead-lettering' ? 'error' : 'warn'](
          {
            groupId: this.options.groupId,
            step,
            attempt: attempt + 1,
            err: this.classify(error).reason,
            partitions: group.map((b) => `${b.topic}/${b.partition}`),
          },
          delay === undefined || !usable
            ? `batch failed (${step}); handing it back to kafkajs, nothing committed`
            : `batch failed (${step}); retrying, nothing committed`,
        );
        if (delay === undefined || !usable) throw error;
        await sleep(delay);
        await group[0].heartbeat();
      }
    }
  }

  /**
   * Runs the handler on the messages; when it fails deterministically, on each half in turn (order kept),
   * down to the messages that fail alone, which are added to `refused`. A transient failure is thrown.
   */
  private async handleIsolating(
    messages: ConsumedMessage<T>[],
    refused: Map<ConsumedMessage<T>, Failure>,
  ): Promise<void> {
    if (messages.length === 0) return;
    try {
      // The handler runs in a span of the messages' trace (ADR 0153) and gets its headers to carry it on.
      await inConsumerSpan(
        this.spanName,
        messages.map((m) => m.trace),
        {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'process',
          'messaging.consumer.group.name': this.kafkaGroupId,
          'messaging.batch.message_count': messages.length,
        },
        (trace) => this.options.handle(messages, { trace }),
      );
    } catch (error) {
      const failure = this.classify(error);
      if (failure.kind === 'transient') throw error;
      if (messages.length === 1) {
        refused.set(messages[0], failure);
        return;
      }
      const half = Math.ceil(messages.length / 2);
      await this.handleIsolating(messages.slice(0, half), refused);
      await this.handleIsolating(messages.slice(half), refused);
    }
  }

  /** Sends each letter not in `sent` yet, and adds it there (a retry does not store a letter twice). */
  private async sendToDeadLetters(sent: Set<KafkaMessage>, letters: DeadLetter[]): Promise<void> {
    const prefix = this.messaging.config.topicPrefix;
    for (const letter of letters) {
      if (sent.has(letter.message)) continue;
      const unprefixed = prefix ? letter.topic.slice(prefix.length + 1) : letter.topic;
      this.messaging.logger.warn(
        {
          topic: letter.topic,
          partition: letter.partition,
          offset: letter.message.offset,
          kind: letter.kind,
          reason: letter.reason,
        },
        'message sent to dead-letter topic',
      );
      // One at a time: the broker's size limit is per record batch, and dead letters are rare.
      await this.options.deadLetters.send([deadLetterMessage(deadLetterTopic(unprefixed), letter)]);
      sent.add(letter.message);
      deadLetters().inc({ group: this.kafkaGroupId, topic: letter.topic, kind: letter.kind });
    }
  }
}

/**
 * The dead letter of a message: its key and value as they were (truncated to fit), the reason in headers,
 * and the source's `content-type` (ADR 0130): a whole dead letter is what its source was, a CloudEvent
 * in structured mode or not; a truncated one is not a whole event, so it has none.
 */
function deadLetterMessage(topic: string, letter: DeadLetter): RawOutgoingMessage {
  const value = letter.message.value ?? Buffer.alloc(0);
  const key = letter.message.key ?? Buffer.alloc(0);
  const valueLimit = DEAD_LETTER_MAX_BYTES - DEAD_LETTER_ROOM;
  const truncated = value.length > valueLimit || key.length > DEAD_LETTER_KEY_BYTES;
  return {
    topic,
    key: key.subarray(0, DEAD_LETTER_KEY_BYTES),
    value: value.subarray(0, valueLimit),
    contentType: truncated ? null : sourceContentType(letter.message),
    headers: {
      // The source's trace goes on with it, so a dead letter can be found from the request that caused it.
      ...validTraceHeaders(letter.message.headers),
      'x-dlq-reason': letter.reason.slice(0, 2000),
      'x-dlq-kind': letter.kind,
      ...(letter.code ? { 'x-dlq-error-code': letter.code } : {}),
      'x-dlq-source-topic': letter.topic,
      'x-dlq-source-partition': String(letter.partition),
      'x-dlq-source-offset': letter.message.offset,
      'x-dlq-original-size': String(value.length),
      'x-dlq-original-key-size': String(key.length),
      'x-dlq-truncated': String(truncated),
      'x-dlq-failed-at': new Date().toISOString(),
    },
  };
}

/** The source message's `content-type` header (any case of the name), at most 200 characters; null when none. */
function sourceContentType(message: KafkaMessage): string | null {
  const found = Object.entries(message.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type');
  const raw = Array.isArray(found?.[1]) ? found[1][0] : found?.[1];
  return raw === undefined ? null : raw.toString().slice(0, 200);
}

/** A header's first value as text, at most `limit` characters. */
function headerText(headers: IHeaders | undefined, name: string, limit: number): string | undefined {
  const raw = headers?.[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (first === undefined) return undefined;
  const text = first.toString();
  return text.length <= limit ? text : undefined;
}

/**
 * The W3C trace headers of a message; undefined when it has no `traceparent` (messages from before ADR
 * 0153, replays). Only read, not validated: an invalid one is ignored where it is used. A `traceparent`
 * longer than version 00's 55 characters is not read.
 */
export function traceCarrierOf(headers: IHeaders | undefined): TraceCarrier | undefined {
  const traceparent = headerText(headers, TRACEPARENT_HEADER, 55);
  if (traceparent === undefined) return undefined;
  const tracestate = headerText(headers, TRACESTATE_HEADER, 512);
  return tracestate === undefined ? { traceparent } : { traceparent, tracestate };
}

/** The message's trace headers when its `traceparent` is valid; nothing otherwise. */
function validTraceHeaders(headers: IHeaders | undefined): TraceCarrier {
  const carrier = traceCarrierOf(headers);
  return carrier && spanContextOf(carrier) ? carrier : {};
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Consecutive runs of whole batches, each with at most `limit` messages unless one batch alone has more. */
function chunks<T>(batches: PendingBatch<T>[], limit: number): PendingBatch<T>[][] {
  const runs: PendingBatch<T>[][] = [];
  let current: PendingBatch<T>[] = [];
  let size = 0;
  for (const batch of batches) {
    if (current.length > 0 && size + batch.valid.length > limit) {
      runs.push(current);
      current = [];
      size = 0;
    }
    current.push(batch);
    size += batch.valid.length;
  }
  if (current.length > 0) runs.push(current);
  return runs;
}
