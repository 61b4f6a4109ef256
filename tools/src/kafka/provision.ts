/**
 * `npm run kafka:provision`: the provisioning step (topics and ACLs, libs/messaging/src/cli/provision.ts)
 * against the local broker with its development super-user credentials, or, when KAFKA_SASL_USERNAME is
 * set, against KAFKA_BROKERS with the credentials from the environment (production).
 */
import { KAFKA_SUPER_USER, runProvision } from '@plass/messaging';
import { withLocalKafkaCredentials } from '@plass/testing';

void runProvision(withLocalKafkaCredentials(KAFKA_SUPER_USER)).then((code) => process.exit(code));
