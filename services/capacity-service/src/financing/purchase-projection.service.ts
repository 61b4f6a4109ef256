/**
 * Consumes intake.purchases.v1 into each purchase's latest state (ADR 0225), one transaction per batch,
 * before the offsets are committed. Its own consumer group: it shares no rows with the other pipelines.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { parsePurchaseEvent, TOPICS, type PurchaseEvent } from '@plass/contracts';
import { BatchConsumer, EventProducer, Messaging } from '@plass/messaging';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { LOGGER } from '../logger';
import { PurchaseRepository } from './purchase.repository';

export const PURCHASES_CONSUMER_GROUP = 'capacity-service.purchases';

@Injectable()
export class PurchaseProjectionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: BatchConsumer<PurchaseEvent> | null = null;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PurchaseRepository) private readonly repository: PurchaseRepository,
    @Inject(Messaging) private readonly messaging: Messaging,
    @Inject(EventProducer) private readonly producer: EventProducer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new BatchConsumer(this.messaging, {
      groupId: PURCHASES_CONSUMER_GROUP,
      topics: [TOPICS.intakePurchases],
      parse: parsePurchaseEvent,
      handle: (messages) => this.applyBatch(messages.map((m) => m.value)),
      deadLetters: this.producer,
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  async applyBatch(events: PurchaseEvent[]): Promise<void> {
    const applied = await this.dataSource.transaction((manager) =>
      this.repository.apply(
        manager,
        events.map((e) => e.data),
      ),
    );
    if (applied < events.length) {
      this.logger.debug({ skipped: events.length - applied }, 'duplicate or older purchase events ignored');
    }
  }
}
