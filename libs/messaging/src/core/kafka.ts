/** The one place that builds kafkajs clients; the rest of the code sees only this library's classes. */
import { Kafka, logLevel, type ITopicConfig, type SASLOptions } from 'kafkajs';
import { topicName, type TopicName } from '@plass/contracts';
import type { KafkaConfig, MessagingLogger } from './config';

export interface TopicSpec {
  topic: string;
  partitions?: number;
  /** -1 keeps messages for ever (the occupancy topics are the replayable history). */
  retentionMs?: number;
  cleanupPolicy?: 'delete' | 'compact';
  /** The topic's `max.message.bytes` (the broker's `message.max.bytes` when unset). */
  maxMessageBytes?: number;
}

export class Messaging {
  readonly kafka: Kafka;

  constructor(
    readonly config: KafkaConfig,
    readonly logger: MessagingLogger,
  ) {
    this.kafka = new Kafka({
      clientId: config.clientId,
      brokers: config.brokers,
      // KafkaSasl is SASLOptions' username/password variants with the mechanism as a plain union.
      sasl: config.sasl as SASLOptions | undefined,
      logLevel: logLevel.WARN,
      retry: { initialRetryTime: 100, retries: 8 },
      logCreator: () => (entry) => {
        const { message, ...rest } = entry.log;
        const fields = { kafka: entry.namespace, ...rest };
        if (entry.level <= logLevel.ERROR) logger.error(fields, String(message));
        else logger.warn(fields, String(message));
      },
    });
  }

  /** The topic's name in this deployment's namespace. */
  topic(name: string): string {
    return this.config.topicPrefix ? topicName(name as TopicName, this.config.topicPrefix) : name;
  }

  /** Creates missing topics (idempotent), with partitions and retention from config. */
  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const topics: ITopicConfig[] = specs
        .map((spec) => ({ ...spec, topic: this.topic(spec.topic) }))
        .filter((spec) => !existing.has(spec.topic))
        .map((spec) => ({
          topic: spec.topic,
          numPartitions: spec.partitions ?? this.config.partitions,
          replicationFactor: this.config.replicationFactor,
          configEntries: [
            ...(spec.retentionMs !== undefined
              ? [{ name: 'retention.ms', value: String(spec.retentionMs) }]
              : []),
            ...(spec.cleanupPolicy ? [{ name: 'cleanup.policy', value: spec.cleanupPolicy }] : []),
            ...(spec.maxMessageBytes !== undefined
              ? [{ name: 'max.message.bytes', value: String(spec.maxMessageBytes) }]
              : []),
          ],
        }));
      if (topics.length > 0) {
        await admin.createTopics({ topics, waitForLeaders: true });
        this.logger.info({ topics: topics.map((t) => t.topic) }, 'kafka topics created');
      }
    } catch (error) {
      // Two services creating the same topic at once: the loser sees TOPIC_ALREADY_EXISTS.
      if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Fails unless every topic exists and this principal may see it. The services create no topics: the
   * provisioning step does (ADR 0100), so a service started before it stops here with a clear message.
   */
  async requireTopics(topics: string[]): Promise<void> {
    if (topics.length === 0) return;
    const names = topics.map((t) => this.topic(t));
    const admin = this.kafka.admin({ retry: { retries: 3, initialRetryTime: 200 } });
    await admin.connect();
    try {
      await admin.fetchTopicMetadata({ topics: names });
    } catch (error) {
      throw new Error(
        `Kafka topic(s) ${names.join(', ')} missing or not visible to principal ` +
          `${this.config.sasl?.username ?? '(none)'}: ${(error as Error).message}. ` +
          'Topics and ACLs are created by the provisioning step (npm run kafka:provision).',
      );
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Messages the group has not committed yet on a topic (0 when it has caught up). A group that has
   * committed nothing counts every message; tests and tools wait on this for "quiet".
   */
  async consumerLag(groupId: string, topic: string): Promise<number> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const group = this.config.topicPrefix ? `${this.config.topicPrefix}.${groupId}` : groupId;
      const name = this.topic(topic);
      const [ends, [committed]] = await Promise.all([
        admin.fetchTopicOffsets(name),
        admin.fetchOffsets({ groupId: group, topics: [name] }),
      ]);
      const done = new Map(committed.partitions.map((p) => [p.partition, BigInt(p.offset)]));
      return ends.reduce((lag, p) => {
        const end = BigInt(p.high);
        const at = done.get(p.partition) ?? -1n;
        return lag + Number(end - (at < 0n ? BigInt(p.low) : at));
      }, 0);
    } finally {
      await admin.disconnect();
    }
  }

  /** Deletes every topic in this deployment's namespace (test clean-up; refuses without a prefix). */
  async deleteOwnTopics(): Promise<void> {
    if (!this.config.topicPrefix) throw new Error('refusing to delete topics without a topic prefix');
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const own = (await admin.listTopics()).filter((t) => t.startsWith(`${this.config.topicPrefix}.`));
      if (own.length > 0) await admin.deleteTopics({ topics: own });
    } finally {
      await admin.disconnect();
    }
  }
}
