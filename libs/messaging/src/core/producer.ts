/** Idempotent producer (acks: all): the only way events leave a service. */
import { CLOUDEVENTS_JSON, CONTENT_TYPE_HEADER } from '@plass/contracts';
import type { Producer } from 'kafkajs';
import type { Messaging } from './kafka';

export interface OutgoingMessage {
  /** Topic as named in the contract; the deployment's prefix is added here. */
  topic: string;
  key: string;
  value: string;
  headers?: Record<string, string>;
}

/** A message whose key and value may be bytes as they were (a dead letter keeps its source's bytes). */
export interface RawOutgoingMessage extends Omit<OutgoingMessage, 'key' | 'value'> {
  key: string | Buffer;
  value: string | Buffer;
  /**
   * The message's `content-type` header. Unset: a CloudEvent in the Kafka binding's structured mode
   * (`application/cloudevents+json`), as every event is (ADR 0130). A dead letter gives its source's,
   * or null when the source had none.
   */
  contentType?: string | null;
}

/**
 * The headers a message goes out with: its own, less any `content-type` of theirs, and the content type
 * (by default the structured mode's, so that no event can leave without it).
 */
export function outgoingHeaders(m: RawOutgoingMessage): Record<string, string> {
  const headers = Object.fromEntries(
    Object.entries(m.headers ?? {}).filter(([name]) => name.toLowerCase() !== CONTENT_TYPE_HEADER),
  );
  const contentType = m.contentType === undefined ? CLOUDEVENTS_JSON : m.contentType;
  return contentType === null ? headers : { ...headers, [CONTENT_TYPE_HEADER]: contentType };
}

export class EventProducer {
  private readonly producer: Producer;
  private connected: Promise<void> | null = null;

  constructor(private readonly messaging: Messaging) {
    this.producer = messaging.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
  }

  connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = null;
      throw error;
    });
    return this.connected;
  }

  /**
   * Sends messages in order per topic and key, each with the structured mode's `content-type` unless it
   * says otherwise; resolves once every broker acknowledged (acks: all).
   */
  async send(messages: readonly RawOutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.connect();
    const byTopic = new Map<string, RawOutgoingMessage[]>();
    for (const m of messages) {
      const topic = this.messaging.topic(m.topic);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), m]);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((m) => ({ key: m.key, value: m.value, headers: outgoingHeaders(m) })),
      })),
    });
  }

  async disconnect(): Promise<void> {
    if (this.connected) {
      this.connected = null;
      await this.producer.disconnect();
    }
  }
}
