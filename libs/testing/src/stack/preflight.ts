/** Checks that PostgreSQL and Redis answer and that the Kafka broker runs, with a clear message if not. */
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import {
  KAFKA_PRINCIPALS,
  KAFKA_SUPER_USER,
  Messaging,
  provisionKafka,
  silentLogger,
  type KafkaSasl,
} from '@plass/messaging';
import { Client } from 'pg';
import { WORKSPACE_ROOT } from './launcher';

export class PreflightError extends Error {}

export async function checkPostgres(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new PreflightError(
      `PostgreSQL is not reachable at ${databaseUrl.replace(/\/\/[^@]*@/, '//')} (${(error as Error).message}).\n` +
        'Start it with:  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n' +
        'or point DATABASE_URL at a running server.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function checkRedis(redisUrl: string): Promise<void> {
  const url = new URL(redisUrl);
  const answered = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port || 6379) });
    socket.setTimeout(3000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG') || data.toString().startsWith('-NOAUTH'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
  if (!answered) {
    throw new PreflightError(
      `Redis is not reachable at ${redisUrl}.\n` +
        'Start it with:  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no\n' +
        'or point REDIS_URL at a running server.',
    );
  }
}

const KAFKA_SCRIPT = path.join(WORKSPACE_ROOT, 'infra/kafka/kafka.sh');

/** The broker address the stack uses: KAFKA_BROKERS, or the local broker on KAFKA_PORT (9092). */
export function kafkaBrokers(env: NodeJS.ProcessEnv = process.env): string {
  return env.KAFKA_BROKERS ?? `127.0.0.1:${env.KAFKA_PORT ?? 9092}`;
}

function kafkaScript(args: string[], env: NodeJS.ProcessEnv = process.env): number | null {
  return spawnSync('bash', [KAFKA_SCRIPT, ...args], { stdio: ['ignore', 'inherit', 'inherit'], env }).status;
}

/**
 * Starts the local broker (infra/kafka) unless one already answers; returns true when this call started
 * it. A broker named by KAFKA_BROKERS is never managed here, only required to answer.
 */
export function ensureKafka(env: NodeJS.ProcessEnv = process.env): boolean {
  const running = spawnSync('bash', [KAFKA_SCRIPT, 'status'], { stdio: 'ignore', env }).status === 0;
  if (!running && env.KAFKA_BROKERS) return false;
  // `start` also when it runs: it restarts a broker from before authentication (plaintext), else says
  // "already running".
  if (kafkaScript(['start'], env) !== 0)
    throw new PreflightError('the Kafka broker did not start; see the messages above');
  return !running;
}

export function stopKafka(env: NodeJS.ProcessEnv = process.env): void {
  kafkaScript(['stop'], env);
}

/** Each principal's credentials (the super user's too), by principal name. */
export type KafkaCredentials = Record<string, KafkaSasl>;

/**
 * One principal's development credentials for the local broker: `kafka.sh client-config`, which reads
 * them from the broker's data dir (KAFKA_DATA_DIR, generated there on first use).
 */
export function localKafkaSasl(principal: string, env: NodeJS.ProcessEnv = process.env): KafkaSasl {
  // One `kafka.sh` run per principal and data dir a process: a test stack asks for seven at every start.
  const key = `${env.KAFKA_DATA_DIR ?? ''}|${kafkaBrokers(env)}|${principal}`;
  const known = saslByDataDir.get(key);
  if (known) return known;
  const sasl = readLocalKafkaSasl(principal, env);
  saslByDataDir.set(key, sasl);
  return sasl;
}

const saslByDataDir = new Map<string, KafkaSasl>();

function readLocalKafkaSasl(principal: string, env: NodeJS.ProcessEnv): KafkaSasl {
  const result = spawnSync('bash', [KAFKA_SCRIPT, 'client-config', principal], { env, encoding: 'utf8' });
  const last = result.stdout?.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !last.startsWith('{')) {
    throw new PreflightError(`kafka.sh client-config ${principal} failed: ${result.stderr?.trim() ?? ''}`);
  }
  return (JSON.parse(last) as { sasl: KafkaSasl }).sasl;
}

/** The development credentials of every principal of the local broker. */
export function localKafkaCredentials(env: NodeJS.ProcessEnv = process.env): KafkaCredentials {
  return Object.fromEntries(
    [KAFKA_SUPER_USER, ...KAFKA_PRINCIPALS].map((principal) => [principal, localKafkaSasl(principal, env)]),
  );
}

/**
 * The environment with `principal`'s local development credentials (and the local broker's address)
 * added, unless it names credentials already (KAFKA_SASL_USERNAME, or KAFKA_SASL_MECHANISM=none): what
 * the command-line tools run with.
 */
export function withLocalKafkaCredentials(
  principal: string,
  env: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  if (env.KAFKA_SASL_USERNAME || env.KAFKA_SASL_MECHANISM?.toLowerCase() === 'none') return env;
  const sasl = localKafkaSasl(principal, env);
  return {
    ...env,
    KAFKA_BROKERS: kafkaBrokers(env),
    KAFKA_SASL_MECHANISM: sasl.mechanism,
    KAFKA_SASL_USERNAME: sasl.username,
    KAFKA_SASL_PASSWORD: sasl.password,
  };
}

/**
 * The provisioning step for a stack's namespace, as the super user: its topics and its principals' ACLs
 * (idempotent). `npm start` and the test stacks run it before they start the services.
 */
export async function provisionStackKafka(settings: {
  kafkaBrokers: string;
  kafkaTopicPrefix: string;
  kafkaCredentials: KafkaCredentials;
}): Promise<void> {
  const messaging = new Messaging(
    {
      brokers: settings.kafkaBrokers.split(','),
      clientId: 'plass-provision',
      sasl: settings.kafkaCredentials[KAFKA_SUPER_USER],
      topicPrefix: settings.kafkaTopicPrefix,
      partitions: 12,
      replicationFactor: 1,
    },
    silentLogger,
  );
  await provisionKafka(messaging);
}
