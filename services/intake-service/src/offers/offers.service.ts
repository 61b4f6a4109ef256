/**
 * Matching and offers (ARCHITECTURE §10, ADR 0161): intake offers a waiting referral a place in a unit of its
 * own read model, the district answers, and the institution's events move the offer on (reserved, refused,
 * placed). No call to another service: every change is one local transaction with its event in the outbox,
 * and the institution service reserves and releases the place from those events.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '@plass/auth';
import {
  REFERRAL_OFFER_ANSWERED,
  REFERRAL_OFFER_EXPIRED,
  REFERRAL_OFFER_RESERVED,
  REFERRAL_OFFERED,
  REFERRAL_PLACED,
  type AnswerOfferBody,
  type MakeOfferBody,
  type Referral,
  type ReferralEventType,
  type ReferralMatch,
  type ReferralMatches,
} from '@plass/contracts';
import { mayOffer, mayRefer } from '@plass/domain';
import { enqueueOutbox } from '@plass/messaging';
import { IdempotencyService } from '@plass/persistence';
import type { EntityManager } from 'typeorm';
import { IntakeException } from '../intake.exception';
import {
  assertMayBeOffered,
  assertOfferExpiry,
  offerAnswered,
  offerEnded,
  offerMade,
  offerReserved,
  placedFrom,
  type ReferralChange,
} from '../referral/offer-rules';
import { referralMessage } from '../referral/referral-event';
import type { ReferralEntity } from '../referral/referral.entity';
import { ReferralRepository } from '../referral/referral.repository';
import { notFound, notYourDistrict, ReferralService } from '../referral/referral.service';
import { UnitPlaceRepository, type UnitPlace } from '../units/unit-place.repository';
import { idempotentWrite, type WriteRequest } from '../write-request';

/** How far ahead a full unit's planned discharge makes it a match `soon`. */
export const SOON_DAYS = 14;

function notIntake(): IntakeException {
  return new IntakeException('NOT_INTAKE', 'only intake (felles inntak) matches referrals and makes offers');
}

const day = (d: Date) => d.toISOString().slice(0, 10);

@Injectable()
export class OffersService {
  constructor(
    @Inject(ReferralRepository) private readonly referrals: ReferralRepository,
    @Inject(ReferralService) private readonly referralService: ReferralService,
    @Inject(UnitPlaceRepository) private readonly units: UnitPlaceRepository,
    @Inject(IdempotencyService) private readonly idempotency: IdempotencyService,
  ) {}

  /** The fitting units: with a free place now by preference, then full ones with a discharge planned soon. */
  matches(id: string, user: AuthUser): Promise<ReferralMatches> {
    if (!mayOffer(user)) throw notIntake();
    return this.referrals.snapshot(async (manager) => {
      const referral = await this.referrals.find(manager, id);
      if (!referral) throw notFound(id);
      const fitting = await this.units.fitting(manager, referral.categories, referral.needs);
      const preference = (u: UnitPlace) => referral.categories.indexOf(u.category) + 1;
      const latest = day(new Date(Date.now() + SOON_DAYS * 24 * 3600_000));
      const now = fitting
        .filter((u) => u.available > 0)
        .sort((a, b) => preference(a) - preference(b) || b.available - a.available)
        .map((u) => toMatch(u, preference(u), u.available, null));
      const soon = fitting
        .filter((u) => u.available <= 0 && u.expectedFreeOn !== null && u.expectedFreeOn <= latest)
        .sort(
          (a, b) =>
            (a.expectedFreeOn ?? '').localeCompare(b.expectedFreeOn ?? '') || preference(a) - preference(b),
        )
        .map((u) => toMatch(u, preference(u), 0, u.expectedFreeOn));
      return { now, soon };
    });
  }

  /** Offers a waiting referral a place in a unit with a free place that fits it; the institution reserves it. */
  makeOffer(id: string, body: MakeOfferBody, request: WriteRequest): Promise<Referral> {
    return this.idempotency.run(idempotentWrite(request), {
      authorize: () => (mayOffer(request.user) ? Promise.resolve() : Promise.reject(notIntake())),
      work: async (manager) => {
        const now = new Date();
        const expiresAt = new Date(body.expiresAt);
        const referral = await this.referrals.lock(manager, id);
        if (!referral) throw notFound(id);
        // Status first: an offer on a referral that cannot take one is refused whatever the unit.
        assertMayBeOffered(referral);
        assertOfferExpiry(expiresAt, now);
        const unit = await this.units.find(manager, body.unitId);
        if (!unit) {
          throw new IntakeException('UNIT_NOT_FOUND', `intake knows no unit ${body.unitId}`, {
            unitId: body.unitId,
          });
        }
        assertFits(referral, unit);
        const pending = await this.referrals.pendingOffersOn(manager, unit.unitId);
        if (unit.closed || unit.available - pending <= 0) {
          throw new IntakeException(
            'NO_FREE_PLACE',
            unit.closed
              ? `unit ${unit.unitName} is closed`
              : `unit ${unit.unitName} has no free place to offer (capacity ${unit.capacity}, occupied ` +
                  `${unit.occupied}, blocked ${unit.blocked}, reserved ${unit.reserved}, offers awaiting their ` +
                  `reservation ${pending})`,
            { unitId: unit.unitId, available: Math.max(0, unit.available - pending), closed: unit.closed },
          );
        }
        const change = offerMade(
          referral,
          { offerId: randomUUID(), unitId: unit.unitId, category: unit.category, expiresAt },
          now,
        );
        const saved = await this.commit(manager, referral, change, REFERRAL_OFFERED, now);
        return this.referralService.answer(manager, saved);
      },
    });
  }

  /** The referring district (or intake) accepts or declines the open offer. */
  answerOffer(id: string, offerId: string, body: AnswerOfferBody, request: WriteRequest): Promise<Referral> {
    return this.idempotency.run(idempotentWrite(request), {
      authorize: async (manager) => {
        const referral = await this.referrals.lock(manager, id);
        if (!referral) throw notFound(id);
        if (!mayRefer(request.user, referral.districtCode)) throw notYourDistrict(referral.districtCode);
        return referral;
      },
      work: async (manager, referral) => {
        const now = new Date();
        const change = offerAnswered(referral, offerId, body, now);
        const saved = await this.commit(manager, referral, change, REFERRAL_OFFER_ANSWERED, now);
        return this.referralService.answer(manager, saved);
      },
    });
  }

  /** The institution reserved the place of offer `offerId` (its reservation id). */
  async reserved(manager: EntityManager, offerId: string): Promise<boolean> {
    const referral = await this.referrals.lockByOffer(manager, offerId);
    const change = referral && offerReserved(referral, offerId);
    if (!referral || !change) return false;
    await this.commit(manager, referral, change, REFERRAL_OFFER_RESERVED, new Date());
    return true;
  }

  /** The live offer ended without a place: refused by the institution, or its reservation expired there. */
  async ended(manager: EntityManager, offerId: string, outcome: 'expired' | 'refused'): Promise<boolean> {
    const referral = await this.referrals.lockByOffer(manager, offerId);
    const now = new Date();
    const change = referral && offerEnded(referral, offerId, outcome, now);
    if (!referral || !change) return false;
    await this.commit(manager, referral, change, REFERRAL_OFFER_EXPIRED, now);
    return true;
  }

  /**
   * The admission from an offer's reservation places the referral. Answers `unchanged` for a reservation
   * made without an offer and for a redelivery (the referral placed by this admission already), and
   * `offer-ended` when the offer ended before the admission.
   */
  async placed(
    manager: EntityManager,
    reservationId: string,
    stayId: string,
    at: Date,
  ): Promise<'placed' | 'unchanged' | 'offer-ended'> {
    const referral = await this.referrals.lockByOffer(manager, reservationId);
    if (!referral) return 'unchanged';
    const change = placedFrom(referral, reservationId, stayId, at);
    if (!change) return referral.stayId === stayId ? 'unchanged' : 'offer-ended';
    await this.commit(manager, referral, change, REFERRAL_PLACED, new Date());
    return 'placed';
  }

  /** The ids of the live offers on a unit. */
  liveOffersOn(manager: EntityManager, unitId: string): Promise<string[]> {
    return this.referrals.liveOffersOn(manager, unitId);
  }

  /** Expires one referral's offer past its expiry (the scheduler); false when busy or no longer due. */
  async expireDue(manager: EntityManager, id: string): Promise<boolean> {
    const referral = await this.referrals.lockDueOffer(manager, id);
    if (!referral?.offerId) return false;
    const now = new Date();
    const change = offerEnded(referral, referral.offerId, 'expired', now);
    if (!change) return false;
    await this.commit(manager, referral, change, REFERRAL_OFFER_EXPIRED, now);
    return true;
  }

  /** Applies a change to the locked referral: sequence + 1, saved, its event in the outbox. */
  private async commit(
    manager: EntityManager,
    referral: ReferralEntity,
    change: ReferralChange,
    type: ReferralEventType,
    now: Date,
  ): Promise<ReferralEntity> {
    Object.assign(referral, change, { updatedAt: now });
    referral.sequence += 1;
    const saved = await this.referrals.save(manager, referral);
    await enqueueOutbox(manager, [referralMessage(saved, type)]);
    return saved;
  }
}

function assertFits(referral: ReferralEntity, unit: UnitPlace): void {
  const missing = referral.needs.filter((need) => !unit.features.includes(need));
  if (!referral.categories.includes(unit.category) || missing.length > 0) {
    throw new IntakeException(
      'UNIT_DOES_NOT_FIT',
      !referral.categories.includes(unit.category)
        ? `unit ${unit.unitName} is ${unit.category}, not one of the referral's categories (${referral.categories.join(', ')})`
        : `unit ${unit.unitName} does not offer ${missing.join(', ')}`,
      { unitId: unit.unitId, category: unit.category, missing },
    );
  }
}

function toMatch(
  unit: UnitPlace,
  preference: number,
  available: number,
  expectedFreeOn: string | null,
): ReferralMatch {
  return {
    unitId: unit.unitId,
    institutionId: unit.institutionId,
    institutionName: unit.institutionName,
    unitName: unit.unitName,
    category: unit.category,
    features: unit.features,
    available,
    preference,
    expectedFreeOn,
  };
}
