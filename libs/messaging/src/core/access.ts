/**
 * Who may do what on Kafka: one principal per service plus `ops`, each allowed exactly what it does
 * (ADR 0100). The broker refuses everything else (StandardAuthorizer, allow.everyone.if.no.acl.found=false).
 * The provisioning step (super user) creates the topics and these ACLs, for production (prefix '') and
 * for every test namespace (`KAFKA_TOPIC_PREFIX`).
 */
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type AclEntry,
  type AclFilter,
} from 'kafkajs';
import { deadLetterTopic, TOPICS } from '@plass/contracts';
import type { Messaging, TopicSpec } from './kafka';
import { STANDARD_TOPICS } from './topics';

/** The broker itself (inter-broker, controller) and provisioning; infra/kafka/kafka.sh names it too. */
export const KAFKA_SUPER_USER = 'admin';

/** Every principal besides the super user; infra/kafka/kafka.sh lists the same (a unit test checks). */
export const KAFKA_PRINCIPALS = [
  'institution-service',
  'housing-service',
  'capacity-service',
  'intake-service',
  'gateway',
  'ops',
] as const;
export type KafkaPrincipal = (typeof KAFKA_PRINCIPALS)[number];

export interface KafkaAccess {
  /** Topics it produces to (contract names). */
  writes: string[];
  /** Topics it consumes; it may also write each one's dead-letter topic (`<topic>.dlq`). */
  reads: string[];
  /** Prefixes of its consumer group ids (the namespace's prefix is added). */
  groups: string[];
}

/** The services: a source (institution, housing, intake) writes only its own topic, the capacity service reads the sources and writes its own, the gateway only reads. */
export const SERVICE_ACCESS: Record<Exclude<KafkaPrincipal, 'ops'>, KafkaAccess> = {
  // Its units' changes, and its refusals of offers it reads from intake (ADR 0161): group institution-service.offers.
  'institution-service': {
    writes: [TOPICS.institutionOccupancy, TOPICS.institutionReservations],
    reads: [TOPICS.intakeReferrals],
    groups: ['institution-service'],
  },
  'housing-service': { writes: [TOPICS.housingAvailability], reads: [], groups: [] },
  'capacity-service': {
    writes: [TOPICS.capacityChanged, TOPICS.capacityAlerts],
    reads: [
      TOPICS.institutionOccupancy,
      TOPICS.housingAvailability,
      TOPICS.intakeReferrals,
      TOPICS.intakePurchases,
    ],
    // capacity-service (occupancy), capacity-service.housing and capacity-service.referrals (demand)
    groups: ['capacity-service'],
  },
  // Its referrals' changes; it reads the units (its read model for matching and offers, group
  // intake-service.units) and the institution's reservation refusals (intake-service.reservations), ADR 0161.
  'intake-service': {
    writes: [TOPICS.intakeReferrals, TOPICS.intakePurchases],
    reads: [TOPICS.institutionOccupancy, TOPICS.institutionReservations],
    groups: ['intake-service'],
  },
  // gateway.<instance> (capacity feed), gateway-alerts.<instance> (alert feed) and
  // gateway-referrals.<instance> (referral feed: intake:changed)
  gateway: {
    writes: [],
    reads: [TOPICS.capacityChanged, TOPICS.capacityAlerts, TOPICS.intakeReferrals],
    groups: ['gateway'],
  },
};

/**
 * `ops` (reconcile, rebuild, bench, fault suite, an operator): reads every topic and group of the
 * namespace and may delete its consumer groups (rebuild resets them); writes the source topics
 * only, to replay or inject source events (bench drain, fault injection, the demand int spec's
 * referrals). It writes no derived topic.
 */
export const OPS_WRITES = [
  TOPICS.institutionOccupancy,
  TOPICS.housingAvailability,
  TOPICS.intakeReferrals,
  TOPICS.intakePurchases,
];

/** The topics a principal needs to exist before it starts (its own writes and reads). */
export function topicsOf(principal: string): string[] {
  const access = (SERVICE_ACCESS as Record<string, KafkaAccess | undefined>)[principal];
  return access ? [...access.writes, ...access.reads] : [];
}

const ALLOW = AclPermissionTypes.ALLOW;
const user = (principal: string) => `User:${principal}`;

/** The ACL bindings of every principal in the namespace `prefix` ('' in production). */
export function kafkaAcls(prefix = ''): AclEntry[] {
  const p = prefix ? `${prefix}.` : '';
  const entry = (
    principal: string,
    resourceType: AclResourceTypes,
    resourceName: string,
    resourcePatternType: ResourcePatternTypes,
    operation: AclOperationTypes,
  ): AclEntry => ({
    principal: user(principal),
    host: '*',
    resourceType,
    resourceName,
    resourcePatternType,
    operation,
    permissionType: ALLOW,
  });
  const topic = (principal: string, name: string, operation: AclOperationTypes) =>
    entry(principal, AclResourceTypes.TOPIC, `${p}${name}`, ResourcePatternTypes.LITERAL, operation);
  const acls: AclEntry[] = [];
  for (const [principal, access] of Object.entries(SERVICE_ACCESS)) {
    // WRITE implies DESCRIBE; since Kafka 3.0 it is also enough for an idempotent producer's
    // InitProducerId (KIP-679), so no IDEMPOTENT_WRITE on the cluster.
    for (const t of access.writes) acls.push(topic(principal, t, AclOperationTypes.WRITE));
    for (const t of access.reads) {
      acls.push(topic(principal, t, AclOperationTypes.READ));
      acls.push(topic(principal, deadLetterTopic(t), AclOperationTypes.WRITE));
    }
    for (const g of access.groups) {
      acls.push(
        entry(
          principal,
          AclResourceTypes.GROUP,
          `${p}${g}`,
          ResourcePatternTypes.PREFIXED,
          AclOperationTypes.READ,
        ),
      );
    }
  }
  // ops: the whole namespace — '*' in production, the prefix in a test namespace.
  const all = (resourceType: AclResourceTypes, operation: AclOperationTypes) =>
    p
      ? entry('ops', resourceType, p, ResourcePatternTypes.PREFIXED, operation)
      : entry('ops', resourceType, '*', ResourcePatternTypes.LITERAL, operation);
  acls.push(all(AclResourceTypes.TOPIC, AclOperationTypes.READ));
  acls.push(all(AclResourceTypes.GROUP, AclOperationTypes.READ));
  acls.push(all(AclResourceTypes.GROUP, AclOperationTypes.DELETE));
  for (const t of OPS_WRITES) acls.push(topic('ops', t, AclOperationTypes.WRITE));
  return acls;
}

/**
 * The provisioning step, run as the super user: creates the namespace's topics (idempotent) and its
 * ACLs (creating an existing binding is a no-op). `messaging` must authenticate as the super user.
 */
export async function provisionKafka(
  messaging: Messaging,
  topics: TopicSpec[] = STANDARD_TOPICS,
): Promise<void> {
  await messaging.ensureTopics(topics);
  const admin = messaging.kafka.admin();
  await admin.connect();
  try {
    await admin.createAcls({ acl: kafkaAcls(messaging.config.topicPrefix) });
  } finally {
    await admin.disconnect();
  }
}

/** Removes the ACLs of a namespace (a test stack's, when it is torn down). */
export async function removeKafkaAcls(messaging: Messaging): Promise<void> {
  const admin = messaging.kafka.admin();
  await admin.connect();
  try {
    const filters: AclFilter[] = kafkaAcls(messaging.config.topicPrefix);
    await admin.deleteAcls({ filters });
  } finally {
    await admin.disconnect();
  }
}

/**
 * One more grant in the namespace, for what is not part of the system (the bench's own floor topic):
 * `principal` may write `topic` (the namespace's prefix is added). `messaging` must authenticate as the
 * super user. Removed with the namespace's topics only when the caller removes it; the bench's ACL stays
 * with the bench's throwaway namespace.
 */
export async function allowTopicWrite(messaging: Messaging, principal: string, topic: string): Promise<void> {
  const admin = messaging.kafka.admin();
  await admin.connect();
  try {
    await admin.createAcls({
      acl: [
        {
          principal: user(principal),
          host: '*',
          resourceType: AclResourceTypes.TOPIC,
          resourceName: messaging.topic(topic),
          resourcePatternType: ResourcePatternTypes.LITERAL,
          operation: AclOperationTypes.WRITE,
          permissionType: ALLOW,
        },
      ],
    });
  } finally {
    await admin.disconnect();
  }
}
