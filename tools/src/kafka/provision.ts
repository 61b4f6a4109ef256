/**
 * `npm run kafka:provision`: the provisioning step, as the Kafka super user — creates the topics of the
 * namespace (partitions, retention) and every principal's ACLs (libs/messaging/src/core/access.ts).
 * Idempotent: run it before the services start, after every deployment that changes topics or ACLs.
 *
 * Production: KAFKA_BROKERS, KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD of the super user, KAFKA_PARTITIONS,
 * KAFKA_REPLICATION_FACTOR, KAFKA_TOPIC_PREFIX (empty). Locally (no KAFKA_SASL_USERNAME): the local broker
 * (infra/kafka) with its development credentials; `npm start` and the test stacks run this themselves.
 */
import {
  kafkaAcls,
  kafkaConfigFromEnv,
  KAFKA_SUPER_USER,
  Messaging,
  provisionKafka,
  silentLogger,
} from '@plass/messaging';
import { withLocalKafkaCredentials } from '@plass/testing';

async function main(): Promise<number> {
  const config = kafkaConfigFromEnv('plass-provision', withLocalKafkaCredentials(KAFKA_SUPER_USER));
  const messaging = new Messaging(config, silentLogger);
  try {
    await provisionKafka(messaging);
  } catch (error) {
    console.error(`Provisioning Kafka at ${config.brokers.join(',')} failed: ${(error as Error).message}`);
    return 1;
  }
  console.log(
    `Kafka at ${config.brokers.join(',')}: topics and ${kafkaAcls(config.topicPrefix).length} ACLs provisioned` +
      (config.topicPrefix ? ` in namespace ${config.topicPrefix}` : ''),
  );
  return 0;
}

if (require.main === module) void main().then((code) => process.exit(code));
