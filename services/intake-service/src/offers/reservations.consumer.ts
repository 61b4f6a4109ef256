/**
 * Consumes institution.reservations.v1 in group `intake-service.reservations` (ADR 0161): a refused
 * reservation ends its live offer as `refused`, and the referral waits again at its position. A refusal of
 * an offer that is no longer live changes nothing.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { reservationRefused, TOPICS, type ReservationRefusedEvent } from '@plass/contracts';
import { BatchConsumer, EventProducer, Messaging } from '@plass/messaging';
import { bindTrace, LOGGER, type Logger } from '@plass/observability';
import { DataSource } from 'typeorm';
import { OffersService } from './offers.service';

export const RESERVATIONS_CONSUMER_GROUP = 'intake-service.reservations';

@Injectable()
export class ReservationsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: BatchConsumer<ReservationRefusedEvent> | null = null;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(OffersService) private readonly offers: OffersService,
    @Inject(Messaging) private readonly messaging: Messaging,
    @Inject(EventProducer) private readonly producer: EventProducer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new BatchConsumer(this.messaging, {
      groupId: RESERVATIONS_CONSUMER_GROUP,
      topics: [TOPICS.institutionReservations],
      parse: (value) => reservationRefused.parse(value),
      handle: (messages, batch) =>
        this.dataSource.transaction(async (manager) => {
          // Its outbox rows continue the batch's trace (ADR 0155).
          bindTrace(manager, batch.trace);
          for (const { value } of messages) {
            const { offerId, unitId, reason } = value.data;
            if (await this.offers.ended(manager, offerId, 'refused')) {
              this.logger.info({ offerId, unitId, reason }, 'offer refused by the institution');
            }
          }
        }),
      deadLetters: this.producer,
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
