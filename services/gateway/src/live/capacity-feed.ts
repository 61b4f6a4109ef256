/** Consumes capacity.changed.v1 (capacity and housing changes) and pushes them to this instance's live rooms. */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CAPACITY_CHANGED, parseCapacityTopicEvent, TOPICS, type CapacityTopicEvent } from '@plass/contracts';
import { BatchConsumer, EventProducer, Messaging } from '@plass/messaging';
import { HealthRegistry, traceIdOf } from '@plass/observability';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { LiveServer } from './live.server';

@Injectable()
export class CapacityFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: BatchConsumer<CapacityTopicEvent> | null = null;
  private joined = false;

  constructor(
    @Inject(Messaging) private readonly messaging: Messaging,
    @Inject(EventProducer) private readonly producer: EventProducer,
    @Inject(LiveServer) private readonly live: LiveServer,
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Every instance reads every change (its own group), so no instance depends on another to see one.
    this.consumer = new BatchConsumer(this.messaging, {
      groupId: `gateway.${this.config.instanceId}`,
      topics: [TOPICS.capacityChanged],
      parse: parseCapacityTopicEvent,
      handle: (messages) => {
        for (const { value: event, trace } of messages) {
          // The trace id of the change goes to the browser with it (ADR 0153).
          if (event.type === CAPACITY_CHANGED) this.live.publishCapacity(event.data, traceIdOf(trace));
          else this.live.publishHousing(event.data);
        }
        return Promise.resolve();
      },
      deadLetters: this.producer,
      fromBeginning: false,
      // Emit what a fetch brought from every partition at once, then commit once (ADR 0090).
      mergePartitions: true,
    });
    this.consumer.onGroupJoin(() => {
      this.joined = true;
    });
    this.health.register('kafka-consumer', () =>
      this.joined
        ? Promise.resolve()
        : Promise.reject(new Error('capacity feed has not joined its consumer group yet')),
    );
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
