/** Consumes capacity.alerts.v1 and pushes every alert transition to the rooms the alert concerns. */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  ALERT_EVENT_TYPES,
  alertSocketEvent,
  parseAlertEvent,
  TOPICS,
  type AlertEvent,
  type AlertTransition,
} from '@plass/contracts';
import { BatchConsumer, EventProducer, Messaging } from '@plass/messaging';
import { traceIdOf } from '@plass/observability';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { LiveServer } from './live.server';

const TRANSITION_OF_TYPE = new Map<string, AlertTransition>(
  Object.entries(ALERT_EVENT_TYPES).map(([transition, type]) => [type, transition as AlertTransition]),
);

@Injectable()
export class AlertFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: BatchConsumer<AlertEvent> | null = null;

  constructor(
    @Inject(Messaging) private readonly messaging: Messaging,
    @Inject(EventProducer) private readonly producer: EventProducer,
    @Inject(LiveServer) private readonly live: LiveServer,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Like the capacity feed: every instance reads every alert and emits to its own clients (ADR 0003).
    this.consumer = new BatchConsumer(this.messaging, {
      groupId: `gateway-alerts.${this.config.instanceId}`,
      topics: [TOPICS.capacityAlerts],
      parse: parseAlertEvent,
      handle: (messages) => {
        for (const { value: event, trace } of messages) {
          const transition = TRANSITION_OF_TYPE.get(event.type);
          if (transition) this.live.publishAlert(alertSocketEvent(transition), event.data, traceIdOf(trace));
        }
        return Promise.resolve();
      },
      deadLetters: this.producer,
      fromBeginning: false,
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
