/**
 * The provisioning step, as the Kafka super user: creates the topics of the namespace (partitions,
 * retention) and every principal's ACLs (../core/access.ts). Idempotent: run it before the services
 * start and after every deployment that changes topics or ACLs.
 *
 * Environment: KAFKA_BROKERS, KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD (/ KAFKA_SASL_MECHANISM) of the
 * super user, KAFKA_PARTITIONS, KAFKA_REPLICATION_FACTOR, KAFKA_TOPIC_PREFIX (empty in production).
 * `node -r @swc-node/register libs/messaging/src/cli/provision.ts` (the containers); locally
 * `npm run kafka:provision` fills in the local broker's development credentials.
 */
import { KAFKA_SUPER_USER, kafkaAcls, provisionKafka } from '../core/access';
import { kafkaConfigFromEnv, silentLogger } from '../core/config';
import { Messaging } from '../core/kafka';

export async function runProvision(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let config;
  try {
    config = kafkaConfigFromEnv('plass-provision', env);
  } catch (error) {
    console.error(`Kafka provisioning: ${(error as Error).message}`);
    return 2;
  }
  if (config.sasl && config.sasl.username !== KAFKA_SUPER_USER) {
    console.warn(
      `Kafka provisioning as ${config.sasl.username}, not ${KAFKA_SUPER_USER}: the broker may refuse it`,
    );
  }
  try {
    await provisionKafka(new Messaging(config, silentLogger));
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

if (require.main === module) void runProvision().then((code) => process.exit(code));
