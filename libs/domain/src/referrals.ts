/**
 * Felles inntak (central intake): the closed lists a referral (henvisning) is made of, and who may refer
 * for and read a district's referrals. A referral is a need, not a person: it carries codes from these
 * lists only, never a name, an identity number or free text. The intake service enforces the policy; the
 * dashboard can use the same functions to show only what a user may do.
 */
import type { DistrictCode } from './districts';
import type { Role } from './roles';

/**
 * What a place must offer beside its category. Units will carry the same codes as their `features`
 * (ARCHITECTURE §10), so matching a referral to a unit is a subset test.
 */
export const REFERRAL_NEEDS = ['women-only', 'couple', 'wheelchair', 'co-occurring'] as const;
export type ReferralNeed = (typeof REFERRAL_NEEDS)[number];

/** What a unit offers beside its category (ADR 0154): the needs list, so that matching compares codes. */
export type UnitFeature = ReferralNeed;

/**
 * Needs or features in the order of REFERRAL_NEEDS, each once: the order a unit's features are stored
 * and sent in, so that two equal sets are equal arrays.
 */
export function inNeedsOrder(codes: readonly ReferralNeed[]): ReferralNeed[] {
  return REFERRAL_NEEDS.filter((need) => codes.includes(need));
}

/** Whether the codes are in the order of REFERRAL_NEEDS with none twice (what `inNeedsOrder` returns). */
export function isInNeedsOrder(codes: readonly ReferralNeed[]): boolean {
  return codes.every(
    (code, i) => i === 0 || REFERRAL_NEEDS.indexOf(codes[i - 1]) < REFERRAL_NEEDS.indexOf(code),
  );
}

/** How soon a place is needed, most urgent first: the waiting list's first sort key. */
export const REFERRAL_URGENCIES = ['acute', 'urgent', 'planned'] as const;
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number];

/**
 * `waiting` → `offered` → (`waiting` again on a decline or an expired offer) → `placed`; `withdrawn`
 * from `waiting` or `offered`. `placed` and `withdrawn` are final.
 */
export const REFERRAL_STATUSES = ['waiting', 'offered', 'placed', 'withdrawn'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Why a referral was withdrawn (trukket). A fixed list: free text could carry a resident's name. */
export const REFERRAL_WITHDRAWAL_REASONS = ['no-longer-needed', 'placed-elsewhere', 'other'] as const;
export type ReferralWithdrawalReason = (typeof REFERRAL_WITHDRAWAL_REASONS)[number];

/** A referral names one to this many service categories, in order of preference. */
export const MAX_REFERRAL_CATEGORIES = 3;

/** The claims the policy reads: an `AuthUser` in the services, a `SessionUser` in the dashboard. */
export interface ReferringUser {
  roles: readonly Role[];
  districtCode: DistrictCode | null;
}

const isStaffOf = (user: ReferringUser, districtCode: DistrictCode) =>
  user.roles.includes('district-staff') && user.districtCode === districtCode;

/** Referring and withdrawing: intake for any district, district staff for their own. */
export function mayRefer(user: ReferringUser, districtCode: DistrictCode): boolean {
  return user.roles.includes('intake') || isStaffOf(user, districtCode);
}

/** Every district's referrals (the whole waiting list): intake and admin. */
export function mayReadAllReferrals(user: ReferringUser): boolean {
  return user.roles.includes('intake') || user.roles.includes('admin');
}

/** One district's referrals: those who read every district's, and that district's staff. */
export function mayReadReferrals(user: ReferringUser, districtCode: DistrictCode): boolean {
  return mayReadAllReferrals(user) || isStaffOf(user, districtCode);
}

/**
 * What became of an offer: `open` until the district answers, `accepted` (the place stays reserved until the
 * institution admits from the reservation), `declined` (with a reason), `expired` (not answered, or not
 * admitted, before `expiresAt`), `refused` (the institution had no free place to reserve when the offer reached it), `withdrawn` (the referral was withdrawn
 * while the offer was open or accepted; the place is released).
 */
export const OFFER_OUTCOMES = ['open', 'accepted', 'declined', 'expired', 'refused', 'withdrawn'] as const;
export type OfferOutcome = (typeof OFFER_OUTCOMES)[number];

/** The outcomes that keep a place reserved for the referral (its status is `offered`). */
export const LIVE_OFFER_OUTCOMES = ['open', 'accepted'] as const satisfies readonly OfferOutcome[];

/** Why a district declined an offer. A fixed list: free text could carry a resident's name. */
export const OFFER_DECLINE_REASONS = [
  'declined-by-resident',
  'unsuitable',
  'placed-elsewhere',
  'other',
] as const;
export type OfferDeclineReason = (typeof OFFER_DECLINE_REASONS)[number];

/** Offers are made by intake only (the coordinating role); the referring district answers them. */
export function mayOffer(user: ReferringUser): boolean {
  return user.roles.includes('intake');
}
