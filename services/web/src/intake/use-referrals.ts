/** Referrals from REST, kept current with the pushed `intake:changed` (ADR 0165). */
import type { IntakeChangedPush } from '@plass/contracts';
import { listReferrals, type ListReferralsQuery, type Referral } from '@plass/contracts/rest';
import type { DistrictCode, ReferralStatus } from '@plass/domain';
import { useEffect, useRef } from 'react';
import { useResource, type Resource } from '../api/use-resource';
import { useReferralEvents } from '../live/live';
import { applyReferralPush } from './referrals';

/** A push changes the positions of others too: the list is read again this long after the last push. */
const RELOAD_AFTER_PUSH_MS = 1000;

export interface ReferralsFilter {
  statuses: readonly ReferralStatus[];
  /** One district's referrals; undefined: every district the user may read. */
  districtCode?: DistrictCode;
}

export interface ReferralsResource extends Resource<Referral[]> {
  /** Takes a referral a write answered with (newer than the list's, by sequence). */
  apply(referral: Referral): void;
}

export function useReferrals(
  filter: ReferralsFilter | null,
  order: (a: Referral, b: Referral) => number,
): ReferralsResource {
  const key = filter && `referrals:${filter.statuses.join(',')}:${filter.districtCode ?? ''}`;
  const resource = useResource<Referral[]>(key, async (api, signal) => {
    if (!filter) return [];
    const lists = await Promise.all(
      filter.statuses.map((status) => {
        const query: ListReferralsQuery = { status, districtCode: filter.districtCode };
        return api.call(listReferrals, { query }, { signal });
      }),
    );
    return lists.flat().sort(order);
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { reload, set } = resource;
  useEffect(() => () => clearTimeout(timer.current ?? undefined), []);

  const belongs = (referral: Referral) =>
    filter !== null &&
    filter.statuses.includes(referral.status) &&
    (filter.districtCode === undefined || referral.districtCode === filter.districtCode);

  useReferralEvents(
    (change: IntakeChangedPush) => {
      if (!filter) return;
      if (resource.state.status === 'ok')
        set((current = []) => applyReferralPush(current, change, belongs, order));
      // Also while the list is loading: its answer may predate the change, so it is read again after it.
      clearTimeout(timer.current ?? undefined);
      timer.current = setTimeout(reload, RELOAD_AFTER_PUSH_MS);
    },
    () => reload(),
  );
  const apply = (referral: Referral) => {
    if (resource.state.status === 'ok')
      set((current = []) => applyReferralPush(current, referral, belongs, order));
  };
  return { ...resource, apply };
}
