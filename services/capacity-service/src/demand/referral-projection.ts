/**
 * The pure part of demand: applies referral events by sequence (any type: each carries the referral's
 * resulting state) and says which category scopes' waiting counts may have changed.
 */
import type { ReferralChangeEvent } from '@plass/contracts';
import type { ReferralStatus, ServiceCategoryCode } from '@plass/domain';

export interface ReferralRow {
  referralId: string;
  districtCode: string;
  categories: ServiceCategoryCode[];
  urgency: string;
  status: ReferralStatus;
  createdAt: string;
  placedAt: string | null;
  withdrawnAt: string | null;
  sequence: number;
  updatedAt: string;
}

/** A referral waits while it is waiting or offered; it waits in its first-preference category. */
export const WAITING_STATUSES: readonly ReferralStatus[] = ['waiting', 'offered'];

export interface ReferralProjection {
  referrals: ReferralRow[];
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
      placedAt: before?.placedAt ?? (r.status === 'placed' ? r.updatedAt : null),
      withdrawnAt: before?.withdrawnAt ?? (r.status === 'withdrawn' ? r.updatedAt : null),
      sequence: r.sequence,
      updatedAt: r.updatedAt,
    };
    states.set(after.referralId, after);
    changed.set(after.referralId, after);
    if (before) categories.add(before.categories[0]);
    categories.add(after.categories[0]);
    applied++;
  }
  return { referrals: [...changed.values()], categories: [...categories].sort(), applied, skipped };
}
