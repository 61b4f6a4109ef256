import type { Referral, ReferralOffer, ReferralState } from '@plass/contracts';
import type { ReferralEntity } from './referral.entity';

/** The referral's state as its events carry it. */
export function toReferralState(referral: ReferralEntity): ReferralState {
  return {
    id: referral.id,
    districtCode: referral.districtCode,
    categories: referral.categories,
    urgency: referral.urgency,
    needs: referral.needs,
    earliestDate: referral.earliestDate,
    status: referral.status,
    withdrawalReason: referral.withdrawalReason,
    offer: toOffer(referral),
    stayId: referral.stayId,
    placedAt: referral.placedAt?.toISOString() ?? null,
    createdAt: referral.createdAt.toISOString(),
    updatedAt: referral.updatedAt.toISOString(),
    sequence: referral.sequence,
  };
}

/** The latest offer as events and answers carry it; null before the first. */
export function toOffer(referral: ReferralEntity): ReferralOffer | null {
  const { offerId, offerUnitId, offerCategory, offeredAt, offerExpiresAt, offerOutcome } = referral;
  if (!offerId || !offerUnitId || !offerCategory || !offeredAt || !offerExpiresAt || !offerOutcome)
    return null;
  return {
    offerId,
    unitId: offerUnitId,
    category: offerCategory,
    offeredAt: offeredAt.toISOString(),
    expiresAt: offerExpiresAt.toISOString(),
    reservationId: referral.offerReservationId,
    outcome: offerOutcome,
    declineReason: referral.offerDeclineReason,
    decidedAt: referral.offerDecidedAt?.toISOString() ?? null,
  };
}

/** The referral as the API answers with it; `positions` holds every waiting referral's. */
export function toReferral(referral: ReferralEntity, positions: ReadonlyMap<string, number>): Referral {
  return {
    ...toReferralState(referral),
    position: referral.status === 'waiting' ? (positions.get(referral.id) ?? null) : null,
  };
}
