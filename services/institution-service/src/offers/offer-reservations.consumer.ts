/**
 * The institution's side of an offer (ADR 0161): consumes intake.referrals.v1 in its own group. A
 * `referral.offered` reserves one place on the offered unit for the referring district, with the offer id as
 * the reservation id, or publishes `reservation.refused` when it cannot; an offer that ended without an
 * admission (declined, expired, refused, withdrawn) releases its reservation. One transaction per event, the
 * change and its event together (outbox); offsets are committed after it, and every step is idempotent by
 * the offer id, so a redelivery changes nothing.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { parseReferralChange, REFERRAL_OFFERED, TOPICS, type ReferralChangeEvent } from '@plass/contracts';
import { LIVE_OFFER_OUTCOMES, type OfferOutcome } from '@plass/domain';
import { BatchConsumer, enqueueOutbox, EventProducer, Messaging } from '@plass/messaging';
import { bindTrace, LOGGER, type Logger } from '@plass/observability';
import { DataSource, type EntityManager } from 'typeorm';
import { INSTITUTION_CONFIG, type InstitutionConfig } from '../config';
import { ReservationRepository } from '../reservations/reservation.repository';
import { ReservationsService } from '../reservations/reservations.service';
import { reservationRefusedMessage } from './offer-event';
import { OfferRefusalRepository } from './offer-refusal.repository';

export const OFFERS_CONSUMER_GROUP = 'institution-service.offers';

const LIVE: readonly OfferOutcome[] = LIVE_OFFER_OUTCOMES;

@Injectable()
export class OfferReservationsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: BatchConsumer<ReferralChangeEvent> | null = null;

  constructor(
    @Inject(INSTITUTION_CONFIG) private readonly config: InstitutionConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ReservationsService) private readonly reservations: ReservationsService,
    @Inject(ReservationRepository) private readonly reservationRows: ReservationRepository,
    @Inject(OfferRefusalRepository) private readonly refusals: OfferRefusalRepository,
    @Inject(Messaging) private readonly messaging: Messaging,
    @Inject(EventProducer) private readonly producer: EventProducer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new BatchConsumer(this.messaging, {
      groupId: OFFERS_CONSUMER_GROUP,
      topics: [TOPICS.intakeReferrals],
      // Any referral event, read by its state: types this service does not act on need no change here.
      parse: parseReferralChange,
      handle: async (messages, batch) => {
        for (const { value } of messages) {
          await this.dataSource.transaction((m) => {
            // Its outbox rows (the reservation, a refusal) continue the batch's trace (ADR 0155).
            bindTrace(m, batch.trace);
            return this.apply(m, value);
          });
        }
      },
      deadLetters: this.producer,
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  /** One referral event, in the caller's transaction. */
  async apply(manager: EntityManager, event: ReferralChangeEvent): Promise<void> {
    const referral = event.data;
    const offer = referral.offer;
    if (!offer) return;
    if (event.type === REFERRAL_OFFERED) {
      await this.reserve(manager, event);
    } else if (!LIVE.includes(offer.outcome) && referral.status !== 'placed') {
      if (await this.reservations.releaseForOffer(manager, offer.offerId)) {
        this.logger.info(
          { offerId: offer.offerId, unitId: offer.unitId, outcome: offer.outcome },
          'offer ended: its reservation released',
        );
      }
    }
  }

  private async reserve(manager: EntityManager, event: ReferralChangeEvent): Promise<void> {
    const referral = event.data;
    const offer = referral.offer;
    if (!offer) return;
    // Handled before (reserved or refused): a redelivery changes nothing.
    if (await this.reservationRows.find(manager, offer.offerId)) return;
    if (await this.refusals.exists(manager, offer.offerId)) return;
    const outcome = await this.reservations.reserveForOffer(manager, {
      offerId: offer.offerId,
      unitId: offer.unitId,
      districtCode: referral.districtCode,
      // Intake expires offers; the reservation outlives the offer by a grace period, as a safety net only.
      expiresAt: new Date(Date.parse(offer.expiresAt) + this.config.offerReservationGraceMs),
    });
    if (outcome === 'reserved') {
      this.logger.info({ offerId: offer.offerId, unitId: offer.unitId }, 'place reserved for an offer');
      return;
    }
    const refusal = {
      offerId: offer.offerId,
      referralId: referral.id,
      unitId: offer.unitId,
      reason: outcome,
    };
    await this.refusals.insert(manager, refusal);
    await enqueueOutbox(manager, [reservationRefusedMessage(refusal, referral.sequence)]);
    this.logger.info({ offerId: offer.offerId, unitId: offer.unitId, reason: outcome }, 'offer refused');
  }
}
