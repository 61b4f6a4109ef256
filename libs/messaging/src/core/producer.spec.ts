import { createEvent } from '@plass/contracts';
import { Kafka, type CloudEvent } from 'cloudevents';
import type { Messaging } from './kafka';
import { EventProducer, outgoingHeaders } from './producer';

interface SentBatch {
  topicMessages: { topic: string; messages: { key: unknown; value: unknown; headers?: unknown }[] }[];
}

function producerOverFake(): { producer: EventProducer; batches: SentBatch[] } {
  const batches: SentBatch[] = [];
  const kafkaProducer = {
    connect: () => Promise.resolve(),
    disconnect: () => Promise.resolve(),
    sendBatch: (batch: SentBatch) => {
      batches.push(batch);
      return Promise.resolve([]);
    },
  };
  const messaging = {
    kafka: { producer: () => kafkaProducer },
    topic: (name: string) => `p.${name}`,
  } as unknown as Messaging;
  return { producer: new EventProducer(messaging), batches };
}

describe(EventProducer.name, () => {
  it('sends every event with the structured mode’s content-type header (the Kafka binding)', async () => {
    const { producer, batches } = producerOverFake();
    await producer.send([
      { topic: 'institution.occupancy.v1', key: 'u1', value: '{}' },
      { topic: 'capacity.changed.v1', key: 'city', value: '{}', headers: { 'x-trace': 't1' } },
    ]);
    const sent = batches.flatMap((b) => b.topicMessages.flatMap((t) => t.messages));
    expect(sent.map((m) => m.headers)).toEqual([
      { 'content-type': 'application/cloudevents+json' },
      { 'x-trace': 't1', 'content-type': 'application/cloudevents+json' },
    ]);
  });
});

describe(outgoingHeaders.name, () => {
  const message = { topic: 't', key: 'k', value: 'v' };

  it('gives a message the content type it names, and none when it names null (a dead letter’s source had none)', () => {
    expect(outgoingHeaders({ ...message, contentType: 'text/plain' })).toEqual({
      'content-type': 'text/plain',
    });
    expect(outgoingHeaders({ ...message, contentType: null, headers: { 'x-dlq-kind': 'invalid' } })).toEqual({
      'x-dlq-kind': 'invalid',
    });
  });

  it('lets no header of the message stand for the content type, whatever its case', () => {
    expect(
      outgoingHeaders({ ...message, headers: { 'Content-Type': 'text/plain', 'content-type': 'text/html' } }),
    ).toEqual({ 'content-type': 'application/cloudevents+json' });
  });
});

describe('an event as the producer sends it, read by the CloudEvents SDK', () => {
  const event = createEvent({
    source: '/test',
    type: 'no.oslo.plassoversikt.test',
    subject: 'unit-1',
    sequence: 12,
    dataschema: 'urn:test:1',
    data: { n: 1 },
  });
  const value = JSON.stringify(event);

  it('is a CloudEvent with its type, subject, data and sequence string', () => {
    const headers = outgoingHeaders({ topic: 't', key: 'unit-1', value });
    const decoded = Kafka.toEvent({ key: 'unit-1', value, headers, body: value } as Parameters<
      typeof Kafka.toEvent
    >[0]) as CloudEvent<unknown>;
    expect(decoded.validate()).toBe(true);
    expect(decoded).toMatchObject({
      type: 'no.oslo.plassoversikt.test',
      subject: 'unit-1',
      sequence: '0000000000000000012',
      data: { n: 1 },
    });
  });

  it('is no CloudEvent to the SDK without the header (as before ADR 0130)', () => {
    expect(() =>
      Kafka.toEvent({ key: 'unit-1', value, headers: {}, body: value } as Parameters<
        typeof Kafka.toEvent
      >[0]),
    ).toThrow('No CloudEvent detected');
  });
});
