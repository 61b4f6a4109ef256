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

export function useReferrals(
  filter: ReferralsFilter | null,
  order: (a: Referral, b: Referral) => number,
): Resource<Referral[]> {
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
      if (!filter || resource.state.status !== 'ok') return;
      set((current = []) => applyReferralPush(current, change, belongs, order));
      clearTimeout(timer.current ?? undefined);
      timer.current = setTimeout(reload, RELOAD_AFTER_PUSH_MS);
    },
    () => reload(),
  );
  return resource;
}
