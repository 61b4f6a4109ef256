/** Settings of the local stack from the environment, shared by `npm start` and the other commands. */
import { DEFAULT_PORTS, kafkaBrokers, localKafkaCredentials, type StackSettings } from '@plass/testing';

export function localSettings(env: NodeJS.ProcessEnv = process.env): StackSettings {
  const port = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 1 || value > 65535)
      throw new Error(`${name} must be a port number`);
    return value;
  };
  return {
    ports: {
      gateway: port('GATEWAY_PORT', DEFAULT_PORTS.gateway),
      institution: port('INSTITUTION_PORT', DEFAULT_PORTS.institution),
      housing: port('HOUSING_PORT', DEFAULT_PORTS.housing),
      capacity: port('CAPACITY_PORT', DEFAULT_PORTS.capacity),
      intake: port('INTAKE_PORT', DEFAULT_PORTS.intake),
    },
    databasePrefix: 'plass',
    kafkaTopicPrefix: '',
    redisKeyPrefix: 'plass:',
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432',
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    kafkaBrokers: kafkaBrokers(env),
    // Development credentials of the local broker (infra/kafka); each service gets its own.
    kafkaCredentials: localKafkaCredentials(env),
  };
}
