/** Kafka connection settings from the environment. */
export interface KafkaConfig {
  brokers: string[];
  clientId: string;
  /** Namespace for topic names; tests use it to stay apart on a shared broker. Empty in production. */
  topicPrefix: string;
  /** Partitions for the occupancy topics at creation. */
  partitions: number;
  replicationFactor: number;
}

export function kafkaConfigFromEnv(clientId: string, env: NodeJS.ProcessEnv = process.env): KafkaConfig {
  const partitions = Number(env.KAFKA_PARTITIONS ?? 12);
  const replicationFactor = Number(env.KAFKA_REPLICATION_FACTOR ?? 1);
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new Error('KAFKA_PARTITIONS must be a positive integer');
  if (!Number.isInteger(replicationFactor) || replicationFactor < 1) {
    throw new Error('KAFKA_REPLICATION_FACTOR must be a positive integer');
  }
  return {
    brokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092')
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    clientId,
    topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
    partitions,
    replicationFactor,
  };
}

/** The structured logger the messaging classes write to (pino's shape). */
export interface MessagingLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const silentLogger: MessagingLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
