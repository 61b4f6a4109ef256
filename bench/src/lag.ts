/**
 * A consumer group's lag on one topic, read often and cheaply: one admin connection kept open (the
 * library's `consumerLag` opens one per call, too slow to poll every 100 ms).
 */
import type { Messaging } from '@plass/messaging';

type Admin = ReturnType<Messaging['kafka']['admin']>;

export class LagProbe {
  private readonly admin: Admin;
  private connected = false;

  constructor(private readonly messaging: Messaging) {
    this.admin = messaging.kafka.admin();
  }

  /** `groupId` and `topic` as the services name them (the stack's prefix is added). */
  async lag(groupId: string, topic: string): Promise<number> {
    if (!this.connected) {
      await this.admin.connect();
      this.connected = true;
    }
    const prefix = this.messaging.config.topicPrefix;
    const group = prefix ? `${prefix}.${groupId}` : groupId;
    const name = this.messaging.topic(topic);
    const [ends, [committed]] = await Promise.all([
      this.admin.fetchTopicOffsets(name),
      this.admin.fetchOffsets({ groupId: group, topics: [name] }),
    ]);
    const done = new Map(committed.partitions.map((p) => [p.partition, BigInt(p.offset)]));
    return ends.reduce((lag, p) => {
      const at = done.get(p.partition) ?? -1n;
      return lag + Number(BigInt(p.high) - (at < 0n ? BigInt(p.low) : at));
    }, 0);
  }

  /** Messages in the topic (sum of high watermarks minus low). */
  async size(topic: string): Promise<number> {
    if (!this.connected) {
      await this.admin.connect();
      this.connected = true;
    }
    const ends = await this.admin.fetchTopicOffsets(this.messaging.topic(topic));
    return ends.reduce((n, p) => n + Number(BigInt(p.high) - BigInt(p.low)), 0);
  }

  async close(): Promise<void> {
    if (this.connected) await this.admin.disconnect();
    this.connected = false;
  }
}
