/** SASL mechanisms the clients can use; the brokers of this system offer scram-sha-512 (ADR 0100). */
export const SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** Who a client is to the broker: its principal's credentials. */
export interface KafkaSasl {
  mechanism: SaslMechanism;
  username: string;
  password: string;
}

/** Kafka connection settings from the environment. */
export interface KafkaConfig {
  brokers: string[];
  clientId: string;
  /** Authentication; absent only for a broker without it (KAFKA_SASL_MECHANISM=none). */
  sasl?: KafkaSasl;
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

/** Partitions of a topic created without its own count, unless KAFKA_PARTITIONS says otherwise. */
export const DEFAULT_PARTITIONS = 12;

/**
 * KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required: the brokers refuse unauthenticated clients.
 * KAFKA_SASL_MECHANISM is scram-sha-512 unless said otherwise; `none` connects without authentication
 * (only to a broker that has none).
 */
export function kafkaSaslFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaSasl | undefined {
  const mechanism = (env.KAFKA_SASL_MECHANISM ?? 'scram-sha-512').trim().toLowerCase();
  if (mechanism === 'none') {
    if (env.KAFKA_SASL_USERNAME || env.KAFKA_SASL_PASSWORD) {
      throw new Error(
        'KAFKA_SASL_MECHANISM=none must not come with KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD',
      );
    }
    return undefined;
  }
  if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
    throw new Error(`KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')} or none`);
  }
  const username = env.KAFKA_SASL_USERNAME?.trim() ?? '';
  const password = env.KAFKA_SASL_PASSWORD ?? '';
  if (!username || !password) {
    throw new Error(
      'KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required: the Kafka brokers authenticate every client ' +
        '(locally: npm run -s kafka -- client-config <principal>)',
    );
  }
  return { mechanism: mechanism as SaslMechanism, username, password };
}

/** The environment variables that give a process these credentials (the inverse of kafkaSaslFromEnv). */
export function kafkaSaslEnv(sasl: KafkaSasl): Record<string, string> {
  return {
    KAFKA_SASL_MECHANISM: sasl.mechanism,
    KAFKA_SASL_USERNAME: sasl.username,
    KAFKA_SASL_PASSWORD: sasl.password,
  };
}

export function kafkaConfigFromEnv(clientId: string, env: NodeJS.ProcessEnv = process.env): KafkaConfig {
  const partitions = Number(env.KAFKA_PARTITIONS ?? DEFAULT_PARTITIONS);
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
    sasl: kafkaSaslFromEnv(env),
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
