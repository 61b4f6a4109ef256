/**
 * The AsyncAPI 3.0 document of the Kafka contract, generated: payloads, keys and headers from the zod
 * schemas the code validates with (`z.toJSONSchema`), channels from EVENT_CATALOGUE, operations and
 * topic settings from the topology messaging passes in (who may write and read what, partitions,
 * retention). `npm run -s asyncapi` writes it to docs/asyncapi.json; the gateway serves it.
 */
import { z } from 'zod';
import { CLOUDEVENTS_JSON } from '../envelope';
import { deadLetterTopic } from '../topics';
import { EVENT_CATALOGUE, type CatalogueEvent, type CatalogueTopic } from './catalogue';
import { cloudEventsKafkaHeadersSchema, deadLetterMessageHeadersSchema } from './headers';

export const ASYNCAPI_VERSION = '3.0.0';
const KAFKA_BINDING_VERSION = '0.5.0';

/** What a principal may write and read (the ACLs), for the operations of the document. */
export interface TopologyPrincipal {
  description: string;
  /** Topics it produces to, dead-letter topics included. */
  writes: readonly string[];
  /** Topics it consumes, dead-letter topics included. */
  reads: readonly string[];
  /** Prefixes of its consumer group ids. */
  groups: readonly string[];
}

export interface TopologyTopic {
  topic: string;
  /** Absent: the deployment's default. */
  partitions?: number;
  /** -1: for ever. */
  retentionMs?: number;
  maxMessageBytes?: number;
}

export interface KafkaTopology {
  principals: Record<string, TopologyPrincipal>;
  topics: readonly TopologyTopic[];
  /** Partitions of a topic created without its own (KAFKA_PARTITIONS). */
  defaultPartitions: number;
  /** The development broker, as services find it without KAFKA_BROKERS. */
  developmentBroker: string;
}

type Json = Record<string, unknown>;

const objects = z.record(z.string(), z.record(z.string(), z.unknown()));

/**
 * The document's outline, as the gateway's `GET /api/asyncapi.json` answers it (libs/contracts/src/rest/
 * gateway.ts); what lies inside each channel, operation and component is AsyncAPI's own schema.
 */
export const asyncApiDocumentSchema = z.looseObject({
  asyncapi: z.literal(ASYNCAPI_VERSION),
  id: z.string(),
  info: z.record(z.string(), z.unknown()),
  defaultContentType: z.string(),
  servers: objects,
  channels: objects,
  operations: objects,
  components: z.looseObject({ schemas: objects, messages: objects, securitySchemes: objects }),
});
export type AsyncApiDocument = z.infer<typeof asyncApiDocumentSchema>;

const ref = (path: string) => ({ $ref: path });
const SCHEMAS = '#/components/schemas/';

/** JSON Schema of a zod schema as it arrives on the wire (`io: 'input'`), without `$schema`/`$id`. */
function jsonSchema(schema: z.ZodType): Json {
  return withoutSchemaIds(z.toJSONSchema(schema, { target: 'draft-07', io: 'input' }));
}

function withoutSchemaIds(schema: Json): Json {
  const rest = { ...schema };
  delete rest.$schema;
  delete rest.$id;
  return rest;
}

/**
 * The payload schemas, each event and each distinct `data` its own component: the event refers to its
 * data by `$ref`, so the three alert events share one AlertData.
 */
function payloadSchemas(events: CatalogueEvent[]): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const e of events) {
    if (!registry.has(e.data)) registry.add(e.data, { id: e.dataSchemaName });
    registry.add(e.event, { id: e.eventSchemaName });
  }
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-07',
    io: 'input',
    uri: (id) => `${SCHEMAS}${id}`,
  }) as { schemas: Record<string, Json> };
  return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, withoutSchemaIds(s)]));
}

function eventMessage(e: CatalogueEvent): Json {
  const rules = e.rules.map((r) => `- ${r}`).join('\n');
  return {
    name: e.type,
    title: e.title,
    summary: `${e.type} (dataschema ${e.dataschema})`,
    description: `${e.description}\n\nKey: ${e.key.description}\n\nBeyond the schema, the contract checks:\n${rules}`,
    contentType: CLOUDEVENTS_JSON,
    headers: ref(`${SCHEMAS}CloudEventsKafkaHeaders`),
    payload: ref(`${SCHEMAS}${e.eventSchemaName}`),
    correlationId: { description: 'The CloudEvents id.', location: '$message.payload#/id' },
    bindings: {
      kafka: {
        key: { ...jsonSchema(e.key.schema), description: e.key.description },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
  };
}

function deadLetterMessage(t: CatalogueTopic): Json {
  return {
    name: `${t.topic} dead letter`,
    title: `Dead letter of ${t.topic}`,
    summary: `A message of ${t.topic} that its consumer could not use, with why in the headers.`,
    description:
      'The original key and value, byte for byte as they were read (cut to fit when `x-dlq-truncated` is ' +
      '`true`): usually one of the messages of the source channel, but not necessarily valid JSON nor ' +
      'valid against its schema — that may be why it is here. Nothing is silently dropped (ADR 0105, 0106).',
    contentType: 'application/octet-stream',
    headers: ref(`${SCHEMAS}DeadLetterHeaders`),
    payload: { description: 'The original value, as it was.' },
    bindings: {
      kafka: {
        key: { type: 'string', maxLength: 1024, description: 'The original key, as it was (at most 1 KiB).' },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
  };
}

function channelBinding(topic: string, topology: KafkaTopology): Json {
  const spec = topology.topics.find((t) => t.topic === topic);
  const config: Json = {};
  if (spec?.retentionMs !== undefined) config['retention.ms'] = spec.retentionMs;
  if (spec?.maxMessageBytes !== undefined) config['max.message.bytes'] = spec.maxMessageBytes;
  return {
    kafka: {
      topic,
      partitions: spec?.partitions ?? topology.defaultPartitions,
      ...(Object.keys(config).length > 0 ? { topicConfiguration: config } : {}),
      bindingVersion: KAFKA_BINDING_VERSION,
    },
  };
}

/** A channel id that is safe in a JSON pointer and as a component key. */
const dlqId = (t: CatalogueTopic) => `${t.id}DeadLetters`;

function operationId(principal: string, action: 'send' | 'receive', channelId: string): string {
  return `${principal}.${action}.${channelId}`;
}

/** Builds the document for a topology (libs/messaging's kafkaTopology() is the real one). */
export function asyncApiDocument(topology: KafkaTopology): AsyncApiDocument {
  const events = EVENT_CATALOGUE.flatMap((t) => t.events);
  const channels: Record<string, Json> = {};
  const messages: Record<string, Json> = {};
  /** Topic name → channel id and the refs of its messages. */
  const byTopic = new Map<string, { id: string; messages: string[] }>();

  for (const t of EVENT_CATALOGUE) {
    channels[t.id] = {
      address: t.topic,
      title: t.title,
      description: t.description,
      messages: Object.fromEntries(t.events.map((e) => [e.id, ref(`#/components/messages/${e.id}`)])),
      bindings: channelBinding(t.topic, topology),
    };
    for (const e of t.events) messages[e.id] = eventMessage(e);
    byTopic.set(t.topic, { id: t.id, messages: t.events.map((e) => e.id) });

    const dlq = deadLetterTopic(t.topic);
    const letter = `${t.id}DeadLetter`;
    channels[dlqId(t)] = {
      address: dlq,
      title: `${t.title}: dead letters`,
      description:
        `Messages of ${t.topic} that a consumer could not use (did not match the contract, or refused ` +
        'deterministically), written by that consumer and read by operators.',
      messages: { [letter]: ref(`#/components/messages/${letter}`) },
      bindings: channelBinding(dlq, topology),
    };
    messages[letter] = deadLetterMessage(t);
    byTopic.set(dlq, { id: dlqId(t), messages: [letter] });
  }

  const operations: Record<string, Json> = {};
  for (const [principal, access] of Object.entries(topology.principals)) {
    const add = (action: 'send' | 'receive', topic: string) => {
      const channel = byTopic.get(topic);
      if (!channel) throw new Error(`${principal} ${action}s ${topic}, which is not a topic of the contract`);
      const groups = action === 'receive' && access.groups.length > 0 ? access.groups : null;
      operations[operationId(principal, action, channel.id)] = {
        action,
        channel: ref(`#/channels/${channel.id}`),
        title: `${principal} ${action === 'send' ? 'sends to' : 'receives from'} ${topic}`,
        description: access.description,
        tags: [{ name: principal }],
        messages: channel.messages.map((m) => ref(`#/channels/${channel.id}/messages/${m}`)),
        ...(groups
          ? {
              bindings: {
                kafka: {
                  groupId: {
                    type: 'string',
                    pattern: `^(${groups.map(escapeRegExp).join('|')})`,
                    description: 'Consumer group ids start with these (after a test namespace prefix).',
                  },
                  bindingVersion: KAFKA_BINDING_VERSION,
                },
              },
            }
          : {}),
      };
    };
    for (const topic of access.writes) add('send', topic);
    for (const topic of access.reads) add('receive', topic);
  }

  return {
    asyncapi: ASYNCAPI_VERSION,
    id: 'urn:plassoversikt:kafka',
    info: {
      title: 'Plassoversikt events',
      version: '1.0.0',
      description:
        'Every Kafka topic of Plassoversikt: each message is a CloudEvents 1.0 event in structured mode ' +
        '(the whole event as JSON in the value), keyed by the aggregate it is about so that its events stay ' +
        'in order on one partition. `sequence` is the version of that aggregate; events carry the resulting ' +
        'state, so a consumer applies them idempotently. Each topic has a dead-letter topic `<topic>.dlq`.\n\n' +
        'Generated from the zod schemas in libs/contracts (`npm run -s asyncapi`); do not edit by hand. ' +
        'Design: docs/ARCHITECTURE.md §3.',
      license: { name: 'MIT' },
    },
    defaultContentType: CLOUDEVENTS_JSON,
    servers: {
      development: {
        host: topology.developmentBroker,
        protocol: 'kafka',
        title: 'Development broker',
        description:
          'The single-node broker of infra/kafka (`npm run kafka`), SASL_PLAINTEXT with SCRAM-SHA-512 and ' +
          'ACLs per principal (ADR 0100). Elsewhere the brokers are KAFKA_BROKERS, over SASL_SSL across hosts. ' +
          'Tests prefix every topic name with their namespace (KAFKA_TOPIC_PREFIX); production has none.',
        security: [ref('#/components/securitySchemes/scramSha512')],
      },
    },
    channels,
    operations,
    components: {
      schemas: {
        ...payloadSchemas(events),
        CloudEventsKafkaHeaders: jsonSchema(cloudEventsKafkaHeadersSchema),
        DeadLetterHeaders: jsonSchema(deadLetterMessageHeadersSchema),
      },
      messages,
      securitySchemes: {
        scramSha512: {
          type: 'scramSha512',
          description:
            'SASL/SCRAM-SHA-512, one principal per service (KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD); ' +
            'the ACLs allow each exactly the operations below.',
        },
      },
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
