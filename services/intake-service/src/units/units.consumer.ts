/**
 * Consumes institution.occupancy.v1 in group `intake-service.units` (ADR 0161), one transaction per batch:
 * each event updates the unit's row in intake's read model when it is newer (by the unit's sequence), and an
 * event about an offer's reservation moves the offer on: reserved (kind `reservation`), placed (an
 * `admission` from it) or expired (`reservation-expired` at the institution). Offsets are committed after
 * the transaction; every step is idempotent, so a redelivery changes nothing.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TOPICS, unitOccupancyChanged, type UnitOccupancyChangedEvent } from '@plass/contracts';
import { BatchConsumer, EventProducer, Messaging } from '@plass/messaging';
import { bindTrace, LOGGER, type Logger } from '@plass/observability';
import { DataSource, type EntityManager } from 'typeorm';
import { OffersService } from '../offers/offers.service';
import { UnitPlaceRepository } from './unit-place.repository';

export const UNITS_CONSUMER_GROUP = 'intake-service.units';

@Injectable()
export class UnitsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: BatchConsumer<UnitOccupancyChangedEvent> | null = null;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(UnitPlaceRepository) private readonly units: UnitPlaceRepository,
    @Inject(OffersService) private readonly offers: OffersService,
    @Inject(Messaging) private readonly messaging: Messaging,
    @Inject(EventProducer) private readonly producer: EventProducer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new BatchConsumer(this.messaging, {
      groupId: UNITS_CONSUMER_GROUP,
      topics: [TOPICS.institutionOccupancy],
      parse: (value) => unitOccupancyChanged.parse(value),
      handle: (messages, batch) =>
        this.dataSource.transaction(async (manager) => {
          // Its outbox rows (placements, offers reserved) continue the batch's trace (ADR 0155).
          bindTrace(manager, batch.trace);
          for (const { value } of messages) await this.apply(manager, value);
        }),
      deadLetters: this.producer,
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  async apply(manager: EntityManager, event: UnitOccupancyChangedEvent): Promise<void> {
    await this.units.apply(manager, event);
    // The offer's own state decides (not the unit's sequence): each step happens once whatever the order.
    const { kind, reservationId, stayId } = event.data.change;
    if (kind === 'closed') {
      // Closing a unit ends its reservations: its live offers end with them.
      for (const offerId of await this.offers.liveOffersOn(manager, event.data.unitId)) {
        if (await this.offers.ended(manager, offerId, 'expired')) {
          this.logger.info({ offerId, unitId: event.data.unitId }, 'offer ended: its unit closed');
        }
      }
      return;
    }
    if (!reservationId) return;
    const offerId = reservationId;
    if (kind === 'reservation' && (await this.offers.reserved(manager, offerId))) {
      this.logger.info({ offerId, unitId: event.data.unitId }, 'offered place reserved');
    } else if (kind === 'admission' && stayId) {
      const placement = await this.offers.placed(manager, reservationId, stayId, new Date(event.time));
      if (placement === 'placed') this.logger.info({ offerId, stayId }, 'referral placed');
      // Admitted in the institution's grace period after intake ended the offer (ADR 0161): not repaired.
      if (placement === 'offer-ended') {
        this.logger.warn({ offerId, stayId }, 'admission from the reservation of an offer that has ended');
      }
    } else if (kind === 'reservation-expired' || kind === 'reservation-released') {
      // Ended at the institution, not by intake (whose offer is no longer live then): the place is not
      // held any more, so the offer cannot stay live.
      if (await this.offers.ended(manager, offerId, 'expired')) {
        this.logger.info({ offerId, kind }, 'offer ended with its reservation at the institution');
      }
    }
  }
}
