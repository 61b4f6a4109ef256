/**
 * Demo data for felles inntak: a waiting list of referrals across categories, districts and urgencies,
 * registered through the gateway's REST API as intake, so every referral flows through the intake service,
 * Kafka and the capacity service's demand (ADR 0162) like real use.
 *
 * ILLUSTRATIVE: the sources publish no waiting list. The mix leans on acute and assessment, where demand
 * is highest, and spreads the referring districts over the whole city. Deterministic: the same referrals
 * every time (an earliest date is counted from the day of loading); loaded only while intake has no
 * referral at all, like the other demo data, so running the seed again registers nothing.
 */
import { signDevToken } from '@plass/auth';
import { createReferral, listReferrals, withdrawReferral, type CreateReferralBody } from '@plass/contracts';
import {
  addCalendarDays,
  DISTRICTS,
  zonedDate,
  type DistrictCode,
  type ReferralNeed,
  type ReferralWithdrawalReason,
  type ServiceCategoryCode,
} from '@plass/domain';
import { contractApi } from '@plass/testing';

/** First preferences: how many referrals want each category first, and what they accept after it. */
const FIRST_PREFERENCES: { category: ServiceCategoryCode; count: number; then: ServiceCategoryCode[] }[] = [
  { category: 'acute', count: 8, then: [] },
  { category: 'assessment-active', count: 6, then: ['assessment-drugfree'] },
  { category: 'assessment-drugfree', count: 4, then: ['assessment-active'] },
  { category: 'coping', count: 5, then: ['resource-centre'] },
  { category: 'care-active', count: 4, then: ['reinforced-care', 'care-drugfree'] },
  { category: 'care-drugfree', count: 3, then: ['care-active'] },
  { category: 'resource-centre', count: 2, then: ['coping'] },
  { category: 'reinforced-care', count: 2, then: ['reinforced-residential'] },
  { category: 'reinforced-residential', count: 2, then: [] },
];

/** The 15 districts with residents (not Sentrum, Marka or utenbys): those that refer. */
const REFERRING_DISTRICTS: DistrictCode[] = DISTRICTS.filter((d) => d.adults !== null).map((d) => d.code);

/** Referrals the demo withdraws again after registering them, by their place in the plan. */
const WITHDRAWN: Record<number, ReferralWithdrawalReason> = { 5: 'no-longer-needed', 20: 'placed-elsewhere' };

export interface DemoReferral {
  body: CreateReferralBody;
  withdraw?: ReferralWithdrawalReason;
}

/** The whole waiting list; `today` (YYYY-MM-DD, Oslo) dates the planned referrals' earliest days. */
export function referralDemoPlan(today: string): DemoReferral[] {
  const plan: DemoReferral[] = [];
  for (const { category, count, then } of FIRST_PREFERENCES) {
    for (let k = 0; k < count; k++) {
      const i = plan.length;
      const urgency = category === 'acute' ? 'acute' : i % 3 === 0 ? 'urgent' : 'planned';
      const needs: ReferralNeed[] = [
        ...(i % 5 === 0 ? (['women-only'] as const) : []),
        ...(i % 4 === 1 ? (['co-occurring'] as const) : []),
        ...(i % 11 === 3 ? (['wheelchair'] as const) : []),
      ];
      plan.push({
        body: {
          // Every 7th district in turn: neighbours do not cluster, and all 15 refer.
          districtCode: REFERRING_DISTRICTS[(i * 7) % REFERRING_DISTRICTS.length],
          categories: [category, ...then.slice(0, k % (then.length + 1))],
          urgency,
          ...(needs.length > 0 ? { needs } : {}),
          ...(urgency === 'planned' && i % 4 === 2
            ? { earliestDate: addCalendarDays(today, 7 + (i % 14)) }
            : {}),
        },
        ...(WITHDRAWN[i] ? { withdraw: WITHDRAWN[i] } : {}),
      });
    }
  }
  return plan;
}

/** Loads the waiting list unless intake already has a referral; returns a one-line summary. */
export async function seedReferralDemo(
  gatewayUrl: string,
  options: { onProgress?: (message: string) => void } = {},
): Promise<string> {
  const api = contractApi(
    gatewayUrl,
    await signDevToken({ roles: ['intake'], institutionIds: [], districtCode: null, sub: 'demo-seed' }),
  );
  const existing = (
    await Promise.all(
      (['waiting', 'offered', 'placed', 'withdrawn'] as const).map((status) =>
        api.call(listReferrals, { query: { status } }),
      ),
    )
  ).flat();
  if (existing.length > 0) return `referral demo data already loaded (${existing.length} referrals)`;

  const plan = referralDemoPlan(zonedDate(Date.now()));
  let n = 0;
  for (const referral of plan) {
    const created = await api.call(createReferral, { body: referral.body });
    if (referral.withdraw) {
      await api.call(withdrawReferral, { params: { id: created.id }, body: { reason: referral.withdraw } });
    }
    if (++n % 12 === 0) options.onProgress?.(`${n} of ${plan.length} referrals registered`);
  }
  const withdrawn = plan.filter((r) => r.withdraw).length;
  const acute = plan.filter((r) => r.body.urgency === 'acute').length;
  return (
    `referral demo data loaded: ${plan.length} referrals (${plan.length - withdrawn} waiting, ` +
    `${withdrawn} withdrawn; ${acute} acute) from ${new Set(plan.map((r) => r.body.districtCode)).size} districts`
  );
}
