/**
 * A referral's life as the intake service publishes it on intake.referrals.v1: each step returns the
 * Kafka message of one event, built with the contract's types and checked by its schema before it is sent.
 */
import { randomUUID } from 'node:crypto';
import {
  createEvent,
  parseReferralEvent,
  REFERRAL_SCHEMA,
  TOPICS,
  type ReferralOffer,
  type ReferralState,
} from '@plass/contracts';
import type { DistrictCode, OfferDeclineReason, ReferralUrgency, ServiceCategoryCode } from '@plass/domain';

export interface ReferralMessage {
  topic: string;
  key: string;
  value: string;
}

export class ReferralLife {
  private state: ReferralState;

  constructor(
    districtCode: DistrictCode,
    categories: ServiceCategoryCode[],
    createdAt: string,
    urgency: ReferralUrgency = 'urgent',
  ) {
    this.state = {
      id: randomUUID(),
      districtCode,
      categories,
      urgency,
      needs: [],
      earliestDate: null,
      status: 'waiting',
      withdrawalReason: null,
      offer: null,
      stayId: null,
      placedAt: null,
      createdAt,
      updatedAt: createdAt,
      sequence: 1,
    };
  }

  get id(): string {
    return this.state.id;
  }

  get offerId(): string | null {
    return this.state.offer?.offerId ?? null;
  }

  created(): ReferralMessage {
    return this.message('created');
  }

  offered(at: string, expiresAt: string, category = this.state.categories[0]): ReferralMessage {
    const offerId = randomUUID();
    const offer: ReferralOffer = {
      offerId,
      unitId: randomUUID(),
      category,
      offeredAt: at,
      expiresAt,
      reservationId: offerId,
      outcome: 'open',
      declineReason: null,
      decidedAt: null,
    };
    return this.next('offered', { status: 'offered', offer }, at);
  }

  declined(reason: OfferDeclineReason, at: string): ReferralMessage {
    return this.next('offer-answered', { status: 'waiting', offer: this.decide('declined', at, reason) }, at);
  }

  accepted(at: string): ReferralMessage {
    return this.next('offer-answered', { status: 'offered', offer: this.decide('accepted', at) }, at);
  }

  expired(at: string): ReferralMessage {
    return this.next('offer-expired', { status: 'waiting', offer: this.decide('expired', at) }, at);
  }

  /** Admitted at `admittedAt`; the event is published at `at` (later, as the intake service learns it). */
  placed(admittedAt: string, at = admittedAt): ReferralMessage {
    return this.next('placed', { status: 'placed', stayId: randomUUID(), placedAt: admittedAt }, at);
  }

  withdrawn(at: string): ReferralMessage {
    const offer =
      this.state.offer && ['open', 'accepted'].includes(this.state.offer.outcome)
        ? this.decide('withdrawn', at)
        : this.state.offer;
    return this.next('withdrawn', { status: 'withdrawn', withdrawalReason: 'other', offer }, at);
  }

  private decide(
    outcome: ReferralOffer['outcome'],
    at: string,
    declineReason: OfferDeclineReason | null = null,
  ): ReferralOffer {
    if (!this.state.offer) throw new Error('the referral has no offer to decide');
    return { ...this.state.offer, outcome, declineReason, decidedAt: at };
  }

  private next(change: string, patch: Partial<ReferralState>, at: string): ReferralMessage {
    this.state = { ...this.state, ...patch, updatedAt: at, sequence: this.state.sequence + 1 };
    return this.message(change);
  }

  private message(change: string): ReferralMessage {
    const event = createEvent({
      source: '/intake-service',
      type: `no.oslo.plassoversikt.referral.${change}`,
      subject: this.state.id,
      sequence: this.state.sequence,
      dataschema: REFERRAL_SCHEMA,
      data: this.state,
    });
    parseReferralEvent(JSON.parse(JSON.stringify(event))); // a step that breaks the contract fails here
    return { topic: TOPICS.intakeReferrals, key: this.state.id, value: JSON.stringify(event) };
  }
}
