/** Idempotent producer (acks: all): the only way events leave a service. */
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

  /** Sends messages in order per topic and key; resolves once every broker acknowledged (acks: all). */
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
        messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
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
