/** The processes of the stack and the environment each needs. */
import { kafkaSaslEnv, type KafkaSasl } from '@plass/messaging';

export type ServiceName =
  'institution-service' | 'housing-service' | 'capacity-service' | 'intake-service' | 'gateway';

export interface StackPorts {
  gateway: number;
  institution: number;
  housing: number;
  capacity: number;
  intake: number;
}

export const DEFAULT_PORTS: StackPorts = {
  gateway: 8080,
  institution: 3001,
  housing: 3002,
  capacity: 3003,
  intake: 3004,
};

export interface StackSettings {
  ports: StackPorts;
  /** Prefix of the services' database names: `plass` gives plass_institution, plass_capacity, … */
  databasePrefix: string;
  kafkaTopicPrefix: string;
  redisKeyPrefix: string;
  databaseUrl: string;
  redisUrl: string;
  kafkaBrokers: string;
  /** Each principal's Kafka credentials; every service gets its own (its name is its principal). */
  kafkaCredentials: Record<string, KafkaSasl>;
}

export interface ServiceSpec {
  name: ServiceName;
  entry: string;
  port: number;
  env: Record<string, string>;
}

/**
 * A gateway's internal metrics port: the gateway's own default (1000 above, 8080 → 9080) for the
 * development stack; for the test stacks (20000–29999) 10000 below, and for the fault suite's
 * (30000–32700) 20000 below. Every one stays under 32768: the kernel hands out ports from 32768 up to
 * outgoing connections, and a listener there can find its port taken by a client (EADDRINUSE).
 */
export function gatewayMetricsPort(port: number): number {
  if (port < 20_000) return port + 1000;
  return port < 30_000 ? port - 10_000 : port - 20_000;
}

export function serviceSpecs(s: StackSettings, gatewayPorts: number[] = [s.ports.gateway]): ServiceSpec[] {
  const kafkaAs = (principal: ServiceName): Record<string, string> => {
    const sasl = s.kafkaCredentials[principal];
    if (!sasl) throw new Error(`no Kafka credentials for ${principal} in the stack settings`);
    return kafkaSaslEnv(sasl);
  };
  const common = {
    DATABASE_URL: s.databaseUrl,
    REDIS_URL: s.redisUrl,
    REDIS_KEY_PREFIX: s.redisKeyPrefix,
    KAFKA_BROKERS: s.kafkaBrokers,
    KAFKA_TOPIC_PREFIX: s.kafkaTopicPrefix,
    INSTITUTION_URL: `http://127.0.0.1:${s.ports.institution}`,
    HOUSING_URL: `http://127.0.0.1:${s.ports.housing}`,
    CAPACITY_URL: `http://127.0.0.1:${s.ports.capacity}`,
    INTAKE_URL: `http://127.0.0.1:${s.ports.intake}`,
  };
  return [
    {
      name: 'institution-service',
      entry: 'services/institution-service/src/main.ts',
      port: s.ports.institution,
      env: {
        ...common,
        ...kafkaAs('institution-service'),
        INSTITUTION_PORT: String(s.ports.institution),
        INSTITUTION_DB: `${s.databasePrefix}_institution`,
      },
    },
    {
      name: 'housing-service',
      entry: 'services/housing-service/src/main.ts',
      port: s.ports.housing,
      env: {
        ...common,
        ...kafkaAs('housing-service'),
        HOUSING_PORT: String(s.ports.housing),
        HOUSING_DB: `${s.databasePrefix}_housing`,
      },
    },
    {
      name: 'capacity-service',
      entry: 'services/capacity-service/src/main.ts',
      port: s.ports.capacity,
      env: {
        ...common,
        ...kafkaAs('capacity-service'),
        CAPACITY_PORT: String(s.ports.capacity),
        CAPACITY_DB: `${s.databasePrefix}_capacity`,
      },
    },
    {
      name: 'intake-service',
      entry: 'services/intake-service/src/main.ts',
      port: s.ports.intake,
      env: {
        ...common,
        ...kafkaAs('intake-service'),
        INTAKE_PORT: String(s.ports.intake),
        INTAKE_DB: `${s.databasePrefix}_intake`,
      },
    },
    ...gatewayPorts.map((port) => ({
      name: 'gateway' as const,
      entry: 'services/gateway/src/main.ts',
      port,
      env: {
        ...common,
        ...kafkaAs('gateway'),
        GATEWAY_PORT: String(port),
        // /metrics is not on the public port (ADR 0117): each gateway's own internal port.
        GATEWAY_METRICS_PORT: String(gatewayMetricsPort(port)),
        GATEWAY_INSTANCE_ID: `${s.kafkaTopicPrefix || 'main'}-gw-${port}`,
      },
    })),
  ];
}

/** The replicas' own ports in a replicated stack (the public ports in StackPorts are the proxies'). */
export interface ReplicaPorts {
  gateway: number[];
  capacity: number[];
}

/**
 * Replica ports for the development stack (`npm start -- --replicas n`): gateways beside the public port
 * (8081, 8082, … with metrics on 9081, 9082, …), capacity-service instances 100 apart (3103, 3203, …).
 */
export function defaultReplicaPorts(ports: StackPorts, replicas: number): ReplicaPorts {
  const n = Array.from({ length: replicas }, (_, i) => i + 1);
  return {
    gateway: n.map((i) => ports.gateway + i),
    capacity: n.map((i) => ports.capacity + 100 * i),
  };
}

/**
 * The processes of a replicated stack (ADR 0209): one gateway per `replicaPorts.gateway` port (each its
 * own instance id, consumer group and metrics port) and one capacity-service per `replicaPorts.capacity`
 * port, all in the same consumer group (they split the partitions). The public gateway port and
 * CAPACITY_URL are the proxies' (see `replicaProxies`).
 */
export function replicatedSpecs(s: StackSettings, replicaPorts: ReplicaPorts): ServiceSpec[] {
  return serviceSpecs(s, replicaPorts.gateway).flatMap((spec) =>
    spec.name === 'capacity-service'
      ? replicaPorts.capacity.map((port) => ({
          ...spec,
          port,
          env: { ...spec.env, CAPACITY_PORT: String(port) },
        }))
      : [spec],
  );
}
