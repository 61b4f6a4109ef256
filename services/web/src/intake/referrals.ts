/**
 * Felles inntak in the dashboard, the parts without React: the waiting list's order, applying an
 * `intake:changed` push to a list by sequence, the referral form's body, an offer's default expiry and
 * which waiting referrals fit a unit.
 */
import type { IntakeChangedPush } from '@plass/contracts';
import type { CreateReferralBody, Referral } from '@plass/contracts/rest';
import {
  MAX_REFERRAL_CATEGORIES,
  REFERRAL_URGENCIES,
  type DistrictCode,
  type ReferralNeed,
  type ReferralUrgency,
  type ServiceCategoryCode,
  type UnitFeature,
} from '@plass/domain';

/** The waiting list's order (as the intake service ranks it): urgency, then the longest waiting first. */
export function compareWaiting(a: Referral, b: Referral): number {
  return (
    REFERRAL_URGENCIES.indexOf(a.urgency) - REFERRAL_URGENCIES.indexOf(b.urgency) ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

/** Newest first: a district's own referrals. */
export function compareNewest(a: Referral, b: Referral): number {
  return b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
}

/**
 * A list after a change, pushed or answered by a write: the referral replaced (or added) when the change is
 * newer than what the list holds, removed when it no longer belongs (`belongs`), the list unchanged for an
 * old or repeated change. A push has no position: it keeps the one the list had (null once no longer
 * waiting) until the next read of the list corrects it.
 */
export function applyReferralPush(
  list: readonly Referral[],
  change: IntakeChangedPush | Referral,
  belongs: (referral: Referral) => boolean,
  order: (a: Referral, b: Referral) => number,
): Referral[] {
  const existing = list.find((r) => r.id === change.id);
  if (existing && existing.sequence >= change.sequence) return [...list];
  const state = Object.fromEntries(
    Object.entries(change).filter(([field]) => field !== 'traceId' && field !== 'position'),
  ) as Omit<Referral, 'position'>;
  const position =
    'position' in change ? change.position : state.status === 'waiting' ? (existing?.position ?? null) : null;
  const referral: Referral = { ...state, position };
  const others = list.filter((r) => r.id !== change.id);
  return belongs(referral) ? [...others, referral].sort(order) : others;
}

export interface ReferralForm {
  districtCode: DistrictCode | '';
  /** The categories in order of preference; '' for an unused choice. */
  categories: (ServiceCategoryCode | '')[];
  urgency: ReferralUrgency;
  needs: ReferralNeed[];
  /** YYYY-MM-DD from a date field; '' for as soon as possible. */
  earliestDate: string;
}

export type FormResult = { ok: true; body: CreateReferralBody } | { ok: false; error: string };

/** The form as the body of createReferral, or what is wrong with it in words the user understands. */
export function referralBody(form: ReferralForm): FormResult {
  if (!form.districtCode) return { ok: false, error: 'Velg henvisende bydel.' };
  const categories = form.categories.filter((c): c is ServiceCategoryCode => c !== '');
  if (categories.length === 0) return { ok: false, error: 'Velg minst én tjenestekategori.' };
  if (categories.length > MAX_REFERRAL_CATEGORIES) {
    return { ok: false, error: `Velg høyst ${MAX_REFERRAL_CATEGORIES} tjenestekategorier.` };
  }
  if (new Set(categories).size !== categories.length) {
    return { ok: false, error: 'Velg hver tjenestekategori bare én gang.' };
  }
  if (form.earliestDate && !/^\d{4}-\d{2}-\d{2}$/.test(form.earliestDate)) {
    return { ok: false, error: 'Tidligste dato må være en dato.' };
  }
  return {
    ok: true,
    body: {
      districtCode: form.districtCode,
      categories,
      urgency: form.urgency,
      ...(form.needs.length > 0 ? { needs: [...new Set(form.needs)] } : {}),
      ...(form.earliestDate ? { earliestDate: form.earliestDate } : {}),
    },
  };
}

/** How long an offer holds the place unless intake picks another time. */
export const DEFAULT_OFFER_HOURS = 48;

/** The value of a `datetime-local` field (local time, minutes) `hours` after `now`. */
export function localDateTimeAfter(now: Date, hours = DEFAULT_OFFER_HOURS): string {
  const at = new Date(now.getTime() + hours * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}` +
    `T${pad(at.getHours())}:${pad(at.getMinutes())}`
  );
}

/** A `datetime-local` value (local time) as the instant the contract takes, or null when it is not one. */
export function expiryInstant(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/**
 * Whether a waiting referral fits a unit, as the intake service matches (ARCHITECTURE §10): the unit's
 * category is one of the referral's, and every need is among the unit's features.
 */
export function fitsUnit(
  referral: Pick<Referral, 'status' | 'categories' | 'needs'>,
  unit: { category: ServiceCategoryCode; features: readonly UnitFeature[] },
): boolean {
  return (
    referral.status === 'waiting' &&
    referral.categories.includes(unit.category) &&
    referral.needs.every((need) => unit.features.includes(need))
  );
}
