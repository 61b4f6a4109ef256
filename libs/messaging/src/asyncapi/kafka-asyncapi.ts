/**
 * The AsyncAPI document of this deployment: libs/contracts builds it from the schemas, and this adds
 * what only messaging knows — who writes and reads which topic (the ACLs of access.ts) and the topics'
 * settings (topics.ts). `npm run -s asyncapi` writes it to docs/asyncapi.json; the gateway serves it.
 */
import {
  asyncApiDocument,
  deadLetterTopic,
  TOPICS,
  type AsyncApiDocument,
  type KafkaTopology,
} from '@plass/contracts';
import { OPS_WRITES, SERVICE_ACCESS, type KafkaPrincipal } from '../core/access';
import { DEFAULT_PARTITIONS } from '../core/config';
import { STANDARD_TOPICS } from '../core/topics';

const DESCRIPTIONS: Record<KafkaPrincipal, string> = {
  'institution-service': 'Publishes occupancy changes through its transactional outbox.',
  'housing-service': 'Publishes housing unit and need changes through its transactional outbox.',
  'capacity-service':
    'Consumes the source topics into its read model and publishes totals and alerts through its outbox; ' +
    'dead-letters what it cannot use.',
  'intake-service': 'Publishes referral changes (felles inntak) through its transactional outbox.',
  gateway:
    'Consumes totals, alerts and referral changes (one group per instance) and pushes them to the browsers over socket.io; ' +
    'dead-letters what it cannot use.',
  ops: 'Operator tools (reconcile, rebuild, bench, fault suite): read everything, write only the source topics.',
};

/** The principals, the topics and their settings, as the document needs them. */
export function kafkaTopology(): KafkaTopology {
  const principals: KafkaTopology['principals'] = {};
  for (const [principal, access] of Object.entries(SERVICE_ACCESS)) {
    // A reader may write the dead-letter topic of what it reads, and nothing more (access.ts).
    const writes = [...access.writes, ...access.reads.map(deadLetterTopic)];
    if (writes.length === 0 && access.reads.length === 0) continue;
    principals[principal] = {
      description: DESCRIPTIONS[principal as KafkaPrincipal],
      writes,
      reads: access.reads,
      groups: access.groups,
    };
  }
  const all = Object.values(TOPICS);
  principals.ops = {
    description: DESCRIPTIONS.ops,
    writes: OPS_WRITES,
    reads: [...all, ...all.map(deadLetterTopic)],
    groups: [],
  };
  return {
    principals,
    topics: STANDARD_TOPICS,
    defaultPartitions: DEFAULT_PARTITIONS,
    developmentBroker: '127.0.0.1:9092',
  };
}

/** The AsyncAPI 3.0 document of every topic of the contract. */
export function kafkaAsyncApi(): AsyncApiDocument {
  return asyncApiDocument(kafkaTopology());
}
