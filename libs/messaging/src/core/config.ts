/** Kafka connection settings from the environment. */
export interface KafkaConfig {
  brokers: string[];
  clientId: string;
  /** Namespace for topic names; tests use it to stay apart on a shared broker. Empty in production. */
  topicPrefix: string;
  /** Partitions for the occupancy topics at creation. */
  partitions: number;
  replicationFactor: number;
  /**
   * How long the broker waits for a silent consumer before it gives its partitions to another member.
   * It also bounds how long a restarted instance waits for its dead predecessor to be declared gone.
   */
  sessionTimeoutMs?: number;
}

export const DEFAULT_SESSION_TIMEOUT_MS = 10_000;

export function kafkaConfigFromEnv(clientId: string, env: NodeJS.ProcessEnv = process.env): KafkaConfig {
  const partitions = Number(env.KAFKA_PARTITIONS ?? 12);
  const replicationFactor = Number(env.KAFKA_REPLICATION_FACTOR ?? 1);
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new Error('KAFKA_PARTITIONS must be a positive integer');
  if (!Number.isInteger(replicationFactor) || replicationFactor < 1) {
    throw new Error('KAFKA_REPLICATION_FACTOR must be a positive integer');
  }
  // The broker refuses sessions shorter than its group.min.session.timeout.ms (6 s by default).
  const sessionTimeoutMs = Number(env.KAFKA_SESSION_TIMEOUT_MS ?? DEFAULT_SESSION_TIMEOUT_MS);
  if (!Number.isInteger(sessionTimeoutMs) || sessionTimeoutMs < 6000) {
    throw new Error('KAFKA_SESSION_TIMEOUT_MS must be an integer of at least 6000 (milliseconds)');
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
    sessionTimeoutMs,
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
