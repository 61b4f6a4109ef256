/** Consumes intake.referrals.v1 and pushes every referral change as `intake:changed` to the sockets that may read it. */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { parseReferralChange, TOPICS, type ReferralChangeEvent } from '@plass/contracts';
import { BatchConsumer, EventProducer, Messaging } from '@plass/messaging';
import { HealthRegistry, traceIdOf } from '@plass/observability';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { LiveServer } from './live.server';

@Injectable()
export class ReferralFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: BatchConsumer<ReferralChangeEvent> | null = null;
  private joined = false;

  constructor(
    @Inject(Messaging) private readonly messaging: Messaging,
    @Inject(EventProducer) private readonly producer: EventProducer,
    @Inject(LiveServer) private readonly live: LiveServer,
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Like the capacity and alert feeds: every instance reads every change and emits to its own clients.
    this.consumer = new BatchConsumer(this.messaging, {
      groupId: `gateway-referrals.${this.config.instanceId}`,
      topics: [TOPICS.intakeReferrals],
      // By the state every referral event carries, so a later event type needs no change here (ADR 0162).
      parse: parseReferralChange,
      handle: (messages) => {
        for (const { value: event, trace } of messages)
          this.live.publishReferral(event.data, traceIdOf(trace));
        return Promise.resolve();
      },
      deadLetters: this.producer,
      fromBeginning: false,
    });
    // Ready once it reads from the latest offset: a referral changed after that is pushed, not skipped.
    this.consumer.onGroupJoin(() => {
      this.joined = true;
    });
    this.health.register('referral-consumer', () =>
      this.joined
        ? Promise.resolve()
        : Promise.reject(new Error('referral feed has not joined its consumer group yet')),
    );
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
