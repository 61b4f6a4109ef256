/** A whole stack for one test file: its own databases, topic namespace and ports, torn down afterwards. */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { dropDatabase } from '@plass/persistence';
import { KAFKA_SUPER_USER, Messaging, provisionKafka, removeKafkaAcls, silentLogger } from '@plass/messaging';
import { launchStack, type Stack } from './launcher';
import { ensureKafka, kafkaBrokers, localKafkaCredentials } from './preflight';
import {
  gatewayMetricsPort,
  type ReplicaPorts,
  type ServiceName,
  type StackPorts,
  type StackSettings,
} from './services';

export interface TestStack extends Stack {
  runId: string;
  settings: StackSettings;
  /**
   * Kafka access in the stack's own topic namespace as the super user: the harness's own (probes, lag,
   * clean-up, messages a test injects). See `messagingAs` for a principal's view.
   */
  messaging: Messaging;
  /** Kafka access in the stack's namespace as one principal (`gateway`, `ops`, …), with its ACLs only. */
  messagingAs(principal: string): Messaging;
  dispose(): Promise<void>;
}

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';

/**
 * Ports for a test stack: 20000–29999, spread by the Jest worker and a random offset, six apart: the five
 * services, then any extra gateways.
 */
function testPorts(): StackPorts {
  const base =
    20_000 + (Number(process.env.JEST_WORKER_ID ?? 1) % 10) * 1000 + Math.floor(Math.random() * 150) * 6;
  return { gateway: base, institution: base + 1, housing: base + 2, capacity: base + 3, intake: base + 4 };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Free ports for a test stack's replicas (ADR 0209), anywhere in 20000–29999 and checked free: the
 * six-port slot of `testPorts` has no room for them. A gateway's metrics port is checked too.
 */
async function replicaTestPorts(replicas: number, taken: number[]): Promise<ReplicaPorts> {
  const used = new Set(taken);
  const pick = async (gateway: boolean): Promise<number> => {
    for (let tries = 0; tries < 500; tries++) {
      const port = 20_000 + Math.floor(Math.random() * 10_000);
      if (used.has(port) || !(await portIsFree(port))) continue;
      if (gateway && !(await portIsFree(gatewayMetricsPort(port)))) continue;
      used.add(port);
      return port;
    }
    throw new Error('no free port for a replica between 20000 and 29999');
  };
  const gateway: number[] = [];
  const capacity: number[] = [];
  for (let i = 0; i < replicas; i++) gateway.push(await pick(true));
  for (let i = 0; i < replicas; i++) capacity.push(await pick(false));
  return { gateway, capacity };
}

export async function startTestStack(
  options: {
    gatewayPorts?: number;
    only?: ServiceName[];
    /** Gateways and capacity-service instances behind local proxies (ADR 0209); default 1. */
    replicas?: number;
  } = {},
): Promise<TestStack> {
  ensureKafka();
  const runId = `t${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const ports = testPorts();
  const databasePrefix = `plass_test_${runId}`;
  const settings: StackSettings = {
    ports,
    databasePrefix,
    kafkaTopicPrefix: `test.${runId}`,
    redisKeyPrefix: `plass-test:${runId}:`,
    databaseUrl: DATABASE_URL,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    kafkaBrokers: kafkaBrokers(),
    kafkaCredentials: localKafkaCredentials(),
  };
  const messagingAs = (principal: string) =>
    new Messaging(
      {
        brokers: settings.kafkaBrokers.split(','),
        clientId: `test-${runId}-${principal}`,
        sasl: settings.kafkaCredentials[principal],
        topicPrefix: settings.kafkaTopicPrefix,
        partitions: 12,
        replicationFactor: 1,
      },
      silentLogger,
    );
  const messaging = messagingAs(KAFKA_SUPER_USER);
  // The stack's topics and its principals' ACLs in its namespace, as the provisioning step does for production.
  await provisionKafka(messaging);
  const replicas = options.replicas ?? 1;
  const stack = await launchStack({
    settings,
    only: options.only,
    replicas,
    replicaPorts: replicas > 1 ? await replicaTestPorts(replicas, Object.values(ports)) : undefined,
    gatewayPorts: Array.from({ length: options.gatewayPorts ?? 0 }, (_, i) => ports.gateway + 5 + i),
    logDir: `${process.cwd()}/.local/logs/${runId}`,
  }).catch(async (error: unknown) => {
    await messaging.deleteOwnTopics().catch(() => undefined);
    await removeKafkaAcls(messaging).catch(() => undefined);
    throw error;
  });
  return Object.assign(stack, {
    runId,
    settings,
    messaging,
    messagingAs,
    async dispose() {
      await stack.stop();
      await messaging.deleteOwnTopics().catch(() => undefined);
      await removeKafkaAcls(messaging).catch(() => undefined);
      for (const suffix of ['institution', 'capacity', 'housing', 'intake']) {
        await dropDatabase(DATABASE_URL, `${databasePrefix}_${suffix}`);
      }
    },
  });
}
