/**
 * The pure part of demand: applies referral events by sequence (any type: each carries the referral's
 * resulting state) and says which category scopes' waiting counts may have changed.
 */
import type { ReferralChangeEvent } from '@plass/contracts';
import type { OfferDeclineReason, OfferOutcome, ReferralStatus, ServiceCategoryCode } from '@plass/domain';

export interface ReferralRow {
  referralId: string;
  districtCode: string;
  categories: ServiceCategoryCode[];
  urgency: string;
  status: ReferralStatus;
  createdAt: string;
  placedAt: string | null;
  withdrawnAt: string | null;
  /** The latest offer's outcome and expiry; null before the first offer. */
  offerOutcome: OfferOutcome | null;
  offerExpiresAt: string | null;
  sequence: number;
  updatedAt: string;
}

/** A declined offer, counted once by its id in the demand report (ADR 0167). */
export interface OfferDecline {
  offerId: string;
  referralId: string;
  districtCode: string;
  firstCategory: ServiceCategoryCode;
  reason: OfferDeclineReason;
  decidedAt: string;
}

/** A referral waits while it is waiting or offered; it waits in its first-preference category. */
export const WAITING_STATUSES: readonly ReferralStatus[] = ['waiting', 'offered'];

export interface ReferralProjection {
  referrals: ReferralRow[];
  /** Offers the applied events show declined (an offer's id may repeat; the table keeps it once). */
  declines: OfferDecline[];
  /** Districts whose referral alerts may have changed, sorted. */
  districts: string[];
  /** Categories whose waiting count may have changed, sorted; empty when nothing was applied. */
  categories: ServiceCategoryCode[];
  applied: number;
  skipped: number;
}

export function projectReferrals(
  current: ReadonlyMap<string, ReferralRow>,
  events: ReferralChangeEvent[],
): ReferralProjection {
  const states = new Map(current);
  const changed = new Map<string, ReferralRow>();
  const categories = new Set<ServiceCategoryCode>();
  const districts = new Set<string>();
  const declines = new Map<string, OfferDecline>();
  let applied = 0;
  let skipped = 0;
  for (const event of events) {
    const before = states.get(event.subject);
    if (before && before.sequence >= event.sequence) {
      skipped++;
      continue;
    }
    const r = event.data;
    const after: ReferralRow = {
      referralId: r.id,
      districtCode: r.districtCode,
      categories: [...r.categories],
      urgency: r.urgency,
      status: r.status,
      createdAt: r.createdAt,
      // The admission time when the event has it (ADR 0167), else the change that placed it.
      placedAt: before?.placedAt ?? (r.status === 'placed' ? (r.placedAt ?? r.updatedAt) : null),
      withdrawnAt: before?.withdrawnAt ?? (r.status === 'withdrawn' ? r.updatedAt : null),
      offerOutcome: r.offer?.outcome ?? null,
      offerExpiresAt: r.offer?.expiresAt ?? null,
      sequence: r.sequence,
      updatedAt: r.updatedAt,
    };
    states.set(after.referralId, after);
    changed.set(after.referralId, after);
    if (before) categories.add(before.categories[0]);
    categories.add(after.categories[0]);
    if (before) districts.add(before.districtCode);
    districts.add(after.districtCode);
    if (r.offer?.outcome === 'declined' && r.offer.declineReason && r.offer.decidedAt) {
      declines.set(r.offer.offerId, {
        offerId: r.offer.offerId,
        referralId: r.id,
        districtCode: r.districtCode,
        firstCategory: r.categories[0],
        reason: r.offer.declineReason,
        decidedAt: r.offer.decidedAt,
      });
    }
    applied++;
  }
  return {
    referrals: [...changed.values()],
    declines: [...declines.values()],
    districts: [...districts].sort(),
    categories: [...categories].sort(),
    applied,
    skipped,
  };
}
