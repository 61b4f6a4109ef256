import type { Referral, ReferralState } from '@plass/contracts';
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
    offer: null,
    stayId: null,
    placedAt: null,
    createdAt: referral.createdAt.toISOString(),
    updatedAt: referral.updatedAt.toISOString(),
    sequence: referral.sequence,
  };
}

/** The referral as the API answers with it; `positions` holds every waiting referral's. */
export function toReferral(referral: ReferralEntity, positions: ReadonlyMap<string, number>): Referral {
  return {
    ...toReferralState(referral),
    position: referral.status === 'waiting' ? (positions.get(referral.id) ?? null) : null,
  };
}
