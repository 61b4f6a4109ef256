/**
 * The rules of a referral's offer (ARCHITECTURE §10, ADR 0161), as pure functions over the referral's fields:
 * each answers the fields that change, or throws the domain error of a refused request. The consumers' steps
 * (reserved, refused, expired, placed) answer null when the event no longer concerns the referral's live
 * offer, so a redelivery or a late event changes nothing. The service applies them under the row lock.
 */
import {
  LIVE_OFFER_OUTCOMES,
  type OfferDeclineReason,
  type OfferOutcome,
  type ServiceCategoryCode,
} from '@plass/domain';
import { IntakeException } from '../intake.exception';
import type { ReferralEntity } from './referral.entity';
import { assertTransition } from './referral-status';

/** The longest an offer may hold a place. */
export const MAX_OFFER_DAYS = 14;

export type ReferralChange = Partial<ReferralEntity>;

const LIVE: readonly OfferOutcome[] = LIVE_OFFER_OUTCOMES;

export function hasLiveOffer(referral: ReferralEntity): boolean {
  return (
    referral.status === 'offered' && referral.offerOutcome !== null && LIVE.includes(referral.offerOutcome)
  );
}

/** 422 INVALID_EXPIRY unless `expiresAt` is after `now` and at most MAX_OFFER_DAYS ahead. */
export function assertOfferExpiry(expiresAt: Date, now: Date): void {
  const latest = now.getTime() + MAX_OFFER_DAYS * 24 * 3600_000;
  if (expiresAt.getTime() <= now.getTime() || expiresAt.getTime() > latest) {
    throw new IntakeException(
      'INVALID_EXPIRY',
      `expiresAt must be in the future and at most ${MAX_OFFER_DAYS} days ahead (until ${new Date(latest).toISOString()})`,
      { expiresAt: expiresAt.toISOString() },
    );
  }
}

/** 409 REFERRAL_CLOSED when the referral is final, REFERRAL_NOT_WAITING when it has a live offer. */
export function assertMayBeOffered(referral: ReferralEntity): void {
  if (referral.status === 'offered') {
    throw new IntakeException(
      'REFERRAL_NOT_WAITING',
      `the referral already has a live offer (${referral.offerId ?? 'unknown'}); it must be answered, expire or be declined first`,
      { status: referral.status, offerId: referral.offerId },
    );
  }
  assertTransition(referral, 'offered');
}

/** A new open offer on a waiting referral. */
export function offerMade(
  referral: ReferralEntity,
  offer: { offerId: string; unitId: string; category: ServiceCategoryCode; expiresAt: Date },
  now: Date,
): ReferralChange {
  assertMayBeOffered(referral);
  return {
    status: 'offered',
    offerId: offer.offerId,
    offerUnitId: offer.unitId,
    offerCategory: offer.category,
    offeredAt: now,
    offerExpiresAt: offer.expiresAt,
    offerReservationId: null,
    offerOutcome: 'open',
    offerDeclineReason: null,
    offerDecidedAt: null,
  };
}

/** The district's answer: 404 OFFER_NOT_FOUND for another offer, 409 OFFER_NOT_OPEN unless open and unexpired. */
export function offerAnswered(
  referral: ReferralEntity,
  offerId: string,
  answer: { accept: true } | { accept: false; reason: OfferDeclineReason },
  now: Date,
): ReferralChange {
  if (referral.status === 'placed' || referral.status === 'withdrawn') assertTransition(referral, 'waiting');
  if (referral.offerId !== offerId) {
    throw new IntakeException('OFFER_NOT_FOUND', `the referral has no offer ${offerId}`, { offerId });
  }
  const expired = referral.offerExpiresAt !== null && referral.offerExpiresAt.getTime() <= now.getTime();
  if (referral.offerOutcome !== 'open' || expired) {
    throw new IntakeException(
      'OFFER_NOT_OPEN',
      expired && referral.offerOutcome === 'open'
        ? `offer ${offerId} expired at ${referral.offerExpiresAt?.toISOString() ?? ''}`
        : `offer ${offerId} is ${referral.offerOutcome ?? 'unknown'}, not open`,
      { offerId, outcome: expired ? 'expired' : referral.offerOutcome },
    );
  }
  if (answer.accept) return { offerOutcome: 'accepted', offerDecidedAt: now };
  return {
    status: 'waiting',
    offerOutcome: 'declined',
    offerDeclineReason: answer.reason,
    offerDecidedAt: now,
  };
}

/** The institution reserved the place of the live offer `offerId`; null when there is nothing to do. */
export function offerReserved(referral: ReferralEntity, offerId: string): ReferralChange | null {
  if (!hasLiveOffer(referral) || referral.offerId !== offerId || referral.offerReservationId !== null)
    return null;
  return { offerReservationId: offerId };
}

/**
 * The live offer `offerId` ended without a place: `expired` (intake's expiry, or the institution's reservation
 * expired) or `refused` (the institution had no place). The referral waits again at its old position.
 */
export function offerEnded(
  referral: ReferralEntity,
  offerId: string,
  outcome: 'expired' | 'refused',
  now: Date,
): ReferralChange | null {
  if (!hasLiveOffer(referral) || referral.offerId !== offerId) return null;
  return { status: 'waiting', offerOutcome: outcome, offerDecidedAt: now };
}

/**
 * The admission from the live offer's reservation: the referral is placed. An admission from an open offer's
 * reservation is its acceptance too (the resident came); its decision time is the admission's.
 */
export function placedFrom(
  referral: ReferralEntity,
  reservationId: string,
  stayId: string,
  admittedAt: Date,
): ReferralChange | null {
  if (!hasLiveOffer(referral) || referral.offerId !== reservationId) return null;
  return {
    status: 'placed',
    offerOutcome: 'accepted',
    offerReservationId: reservationId,
    offerDecidedAt: referral.offerDecidedAt ?? admittedAt,
    stayId,
    placedAt: admittedAt,
  };
}

/** What a withdrawal does to the offer: a live one is `withdrawn` (the institution then releases its place). */
export function offerOnWithdrawal(referral: ReferralEntity, now: Date): ReferralChange {
  return hasLiveOffer(referral) ? { offerOutcome: 'withdrawn', offerDecidedAt: now } : {};
}
