/**
 * Batch consumer runner: validates every message, sends poison ones to `<topic>.dlq` with the reason,
 * hands the rest to the handler, and commits offsets only after the handler has resolved (so a crash
 * before that replays the batch; handlers are idempotent).
 */
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { ContractViolation, deadLetterTopic } from '@plass/contracts';
import type { Messaging } from './kafka';
import type { EventProducer } from './producer';

export interface ConsumedMessage<T> {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: T;
}

export interface BatchConsumerOptions<T> {
  groupId: string;
  /** Topics as named in the contract. */
  topics: string[];
  /** Parses one message value; throws (ContractViolation) when it does not match the contract. */
  parse: (value: unknown) => T;
  handle: (messages: ConsumedMessage<T>[]) => Promise<void>;
  /** Where poison messages go; required so nothing is silently dropped. */
  deadLetters: EventProducer;
  fromBeginning?: boolean;
  /** Upper bound of one fetch, in bytes. */
  maxBytes?: number;
}

export class BatchConsumer<T> {
  private readonly consumer: Consumer;

  constructor(
    private readonly messaging: Messaging,
    private readonly options: BatchConsumerOptions<T>,
  ) {
    this.consumer = messaging.kafka.consumer({
      groupId: messaging.config.topicPrefix
        ? `${messaging.config.topicPrefix}.${options.groupId}`
        : options.groupId,
      maxWaitTimeInMs: 100,
      maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      allowAutoTopicCreation: false,
    });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.options.topics.map((t) => this.messaging.topic(t)),
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  /** Fires with the partition assignment after every rebalance (tests wait on it). */
  onGroupJoin(listener: () => void): void {
    this.consumer.on(this.consumer.events.GROUP_JOIN, listener);
  }

  private async onBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    if (batch.messages.length === 0 || !isRunning() || isStale()) return;
    const valid: ConsumedMessage<T>[] = [];
    const poison: { message: KafkaMessage; reason: string }[] = [];
    for (const message of batch.messages) {
      try {
        const raw: unknown = JSON.parse(message.value?.toString('utf8') ?? 'null');
        valid.push({
          topic: batch.topic,
          partition: batch.partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          value: this.options.parse(raw),
        });
      } catch (error) {
        const reason = error instanceof ContractViolation ? error.reason : `not valid JSON: ${String(error)}`;
        poison.push({ message, reason });
      }
    }
    if (poison.length > 0) await this.sendToDeadLetters(batch.topic, batch.partition, poison);
    if (valid.length > 0) await this.options.handle(valid);
    const last = batch.messages[batch.messages.length - 1].offset;
    resolveOffset(last);
    await this.consumer.commitOffsets([
      { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
    ]);
    await heartbeat();
  }

  private async sendToDeadLetters(
    topic: string,
    partition: number,
    poison: { message: KafkaMessage; reason: string }[],
  ): Promise<void> {
    const unprefixed = this.messaging.config.topicPrefix
      ? topic.slice(this.messaging.config.topicPrefix.length + 1)
      : topic;
    for (const { message, reason } of poison) {
      this.messaging.logger.warn(
        { topic, partition, offset: message.offset, reason },
        'message sent to dead-letter topic',
      );
    }
    await this.options.deadLetters.send(
      poison.map(({ message, reason }) => ({
        topic: deadLetterTopic(unprefixed),
        key: message.key?.toString('utf8') ?? '',
        value: message.value?.toString('utf8') ?? '',
        headers: {
          'x-dlq-reason': reason.slice(0, 2000),
          'x-dlq-source-topic': topic,
          'x-dlq-source-partition': String(partition),
          'x-dlq-source-offset': message.offset,
          'x-dlq-failed-at': new Date().toISOString(),
        },
      })),
    );
  }
}
