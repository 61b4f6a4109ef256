import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import * as contracts from '../index';
import { scopeKey } from '@plass/domain';
import { housingKey } from '../events/housing-changed';
import { housingNeedKey } from '../events/housing-need-changed';
import { deadLetterTopic, TOPICS } from '../topics';
import { EVENT_CATALOGUE } from './catalogue';
import { asyncApiDocument, type KafkaTopology } from './document';
import { cloudEventsKafkaHeadersSchema, DEAD_LETTER_HEADERS, deadLetterHeadersSchema } from './headers';

const topology: KafkaTopology = {
  principals: {
    source: { description: 'writes', writes: [TOPICS.institutionOccupancy], reads: [], groups: [] },
    reader: {
      description: 'reads',
      writes: [deadLetterTopic(TOPICS.capacityAlerts)],
      reads: [TOPICS.capacityAlerts],
      groups: ['reader'],
    },
  },
  topics: [
    { topic: TOPICS.institutionOccupancy, retentionMs: -1 },
    { topic: deadLetterTopic(TOPICS.capacityAlerts), partitions: 1, maxMessageBytes: 1024 },
  ],
  defaultPartitions: 3,
  developmentBroker: '127.0.0.1:9092',
};

const doc = asyncApiDocument(topology);

/** Every EventContract the library exports (anything with a type, a dataschema and a parse). */
const eventContracts = Object.values(contracts as Record<string, unknown>).filter(
  (v): v is contracts.EventContract<unknown> =>
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { type?: unknown }).type === 'string' &&
    typeof (v as { dataschema?: unknown }).dataschema === 'string' &&
    typeof (v as { parse?: unknown }).parse === 'function',
);

type Schema = Record<string, unknown> & { properties?: Record<string, { const?: unknown; $ref?: string }> };

/** The payload schema of a message (a dead letter's is inline and says nothing). */
function payloadOf(messageId: string): Schema {
  const { payload } = doc.components.messages[messageId] as { payload: Schema & { $ref?: string } };
  if (!payload.$ref) return payload;
  return doc.components.schemas[payload.$ref.replace('#/components/schemas/', '')];
}

describe('asyncApiDocument', () => {
  it('is AsyncAPI 3.0.0', () => {
    expect(doc.asyncapi).toBe('3.0.0');
  });

  it.each(Object.values(TOPICS))('has a channel for %s and one for its dead-letter topic', (topic) => {
    const addresses = Object.values(doc.channels).map((c) => c.address);
    expect(addresses).toContain(topic);
    expect(addresses).toContain(deadLetterTopic(topic));
  });

  it('has a message for every event contract the library exports, with its type and dataschema', () => {
    expect(eventContracts.length).toBeGreaterThanOrEqual(8);
    for (const contract of eventContracts) {
      const found = Object.keys(doc.components.messages).filter(
        (id) => payloadOf(id)?.properties?.type?.const === contract.type,
      );
      expect({ type: contract.type, messages: found.length }).toEqual({ type: contract.type, messages: 1 });
      const message = doc.components.messages[found[0]] as { summary: string };
      expect(message.summary).toContain(contract.dataschema);
    }
  });

  it('takes every payload schema from the zod schema the code validates with', () => {
    for (const e of EVENT_CATALOGUE.flatMap((t) => t.events)) {
      const generated = z.toJSONSchema(e.data, { target: 'draft-07', io: 'input' }) as Record<
        string,
        unknown
      >;
      delete generated.$schema;
      expect(doc.components.schemas[e.dataSchemaName]).toEqual(generated);
      expect(payloadOf(e.id).properties?.data).toEqual({ $ref: `#/components/schemas/${e.dataSchemaName}` });
    }
  });

  it('documents the CloudEvents content-type header, the trace context headers and every dead-letter header', () => {
    const headers = doc.components.schemas.CloudEventsKafkaHeaders as Schema;
    expect(headers.properties?.['content-type']?.const).toBe('application/cloudevents+json');
    expect(Object.keys(headers.properties ?? {}).sort()).toEqual([
      'content-type',
      'traceparent',
      'tracestate',
    ]);
    expect(headers.required).toEqual(['content-type']);
    const events = cloudEventsKafkaHeadersSchema;
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    expect(events.safeParse({ 'content-type': 'application/cloudevents+json', traceparent }).success).toBe(
      true,
    );
    expect(
      events.safeParse({ 'content-type': 'application/cloudevents+json', traceparent: 'not-a-trace' })
        .success,
    ).toBe(false);
    const dlq = doc.components.schemas.DeadLetterHeaders as Schema;
    expect(Object.keys(dlq.properties ?? {}).sort()).toEqual(
      [
        'x-dlq-reason',
        'x-dlq-source-topic',
        'x-dlq-source-partition',
        'x-dlq-source-offset',
        'x-dlq-failed-at',
        'x-dlq-kind',
        'x-dlq-error-code',
        'x-dlq-truncated',
        'x-dlq-original-size',
        'x-dlq-original-key-size',
        'content-type',
        'traceparent',
        'tracestate',
      ].sort(),
    );
    expect(dlq.required).not.toContain('content-type');
    expect(dlq.required).not.toContain('traceparent');
    expect(DEAD_LETTER_HEADERS).toHaveLength(10);
    expect(
      deadLetterHeadersSchema.safeParse({
        'x-dlq-reason': 'r',
        'x-dlq-kind': 'invalid',
        'x-dlq-source-topic': 't',
        'x-dlq-source-partition': '0',
        'x-dlq-source-offset': '1',
        'x-dlq-original-size': '2',
        'x-dlq-original-key-size': '3',
        'x-dlq-truncated': 'false',
        'x-dlq-failed-at': new Date().toISOString(),
        'x-dlq-something-new': 'x',
      }).success,
    ).toBe(false);
  });

  it('describes the Kafka key of each event with a schema its key functions satisfy', () => {
    const key = (id: string) => EVENT_CATALOGUE.flatMap((t) => t.events).find((e) => e.id === id)!.key.schema;
    const id = randomUUID();
    expect(key('unitOccupancyChanged').safeParse(id).success).toBe(true);
    expect(key('housingNeedChanged').safeParse(housingNeedKey('030101')).success).toBe(true);
    expect(key('housingNeedChanged').safeParse('need:999999').success).toBe(false);
    expect(key('housingChanged').safeParse(housingKey('utenbys')).success).toBe(true);
    for (const k of [
      'city',
      scopeKey('unit', id),
      scopeKey('district', '030101'),
      scopeKey('provider-type', 'private'),
    ]) {
      expect(key('capacityChangedEvent').safeParse(k).success).toBe(true);
    }
    expect(key('capacityChangedEvent').safeParse('town:1').success).toBe(false);
    expect(key('alertRaised').safeParse(id).success).toBe(true);
    expect(key('referralCreated').safeParse(id).success).toBe(true);
    expect(key('referralWithdrawn').safeParse('referral-1').success).toBe(false);
  });

  it('gives each principal an operation per topic it writes or reads, with its consumer groups', () => {
    expect(Object.keys(doc.operations).sort()).toEqual(
      [
        'source.send.institutionOccupancy',
        'reader.send.capacityAlertsDeadLetters',
        'reader.receive.capacityAlerts',
      ].sort(),
    );
    const receive = doc.operations['reader.receive.capacityAlerts'] as {
      action: string;
      messages: { $ref: string }[];
      bindings: { kafka: { groupId: { pattern: string } } };
    };
    expect(receive.action).toBe('receive');
    expect(receive.messages.map((m) => m.$ref)).toEqual([
      '#/channels/capacityAlerts/messages/alertRaised',
      '#/channels/capacityAlerts/messages/alertAcknowledged',
      '#/channels/capacityAlerts/messages/alertUpdated',
      '#/channels/capacityAlerts/messages/alertResolved',
    ]);
    expect(receive.bindings.kafka.groupId.pattern).toBe('^(reader)');
  });

  it('takes partitions and retention from the topology', () => {
    const binding = (id: string) => (doc.channels[id].bindings as { kafka: Record<string, unknown> }).kafka;
    expect(binding('institutionOccupancy')).toMatchObject({
      partitions: 3,
      topicConfiguration: { 'retention.ms': -1 },
    });
    expect(binding('capacityAlertsDeadLetters')).toMatchObject({
      partitions: 1,
      topicConfiguration: { 'max.message.bytes': 1024 },
    });
  });

  it('refuses a topology in which a principal uses a topic outside the contract', () => {
    expect(() =>
      asyncApiDocument({
        ...topology,
        principals: { stray: { description: '', writes: ['other.topic.v1'], reads: [], groups: [] } },
      }),
    ).toThrow(/other\.topic\.v1/);
  });
});
