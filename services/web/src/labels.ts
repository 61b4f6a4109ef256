/** The Norwegian (bokmål) words the dashboard shows for the domain's codes (shared/domain/OSLO.md). */
import {
  DISTRICTS,
  SERVICE_CATEGORIES,
  type AlertCode,
  type AlertSeverity,
  type AlertStatus,
  type BlockReason,
  type DischargeReason,
  type HousingStatus,
  HOUSING_TYPE_NAMES,
  type HousingType,
  type OfferDeclineReason,
  type OfferOutcome,
  type ProviderType,
  type ReferralStatus,
  type ReferralUrgency,
  type ReferralWithdrawalReason,
  type UnitFeature,
} from '@plass/domain';
import type { CapacityChangeReason, HousingUnavailableReason } from '@plass/contracts/rest';
import type { Role } from './auth/auth-provider';

export function categoryName(code: string | null | undefined): string {
  return SERVICE_CATEGORIES.find((c) => c.code === code)?.name ?? code ?? 'Ukjent kategori';
}

export function districtLabel(code: string | null | undefined): string {
  return DISTRICTS.find((d) => d.code === code)?.name ?? code ?? 'Ukjent bydel';
}

/** The districts a user can belong to or refer from, by name. */
export const DISTRICT_OPTIONS = [...DISTRICTS]
  .sort((a, b) => a.name.localeCompare(b.name, 'nb'))
  .map((d) => ({ value: d.code, label: d.name }));

export const CATEGORY_OPTIONS = SERVICE_CATEGORIES.map((c) => ({ value: c.code, label: c.name }));

export const PROVIDER_TYPE_LABELS: Record<ProviderType, string> = {
  municipal: 'Kommunal (egenregi)',
  nonprofit: 'Ideell',
  private: 'Kommersiell',
};

/** A unit's features (ADR 0154), the same codes as a referral's needs. */
export const UNIT_FEATURE_LABELS: Record<UnitFeature, string> = {
  'women-only': 'Kun kvinner',
  couple: 'Par',
  wheelchair: 'Rullestoltilgjengelig',
  'co-occurring': 'Samtidig rus og psykisk lidelse',
};

export const DISCHARGE_REASON_LABELS: Record<DischargeReason, string> = {
  planned: 'Planlagt utskrivning',
  'own-housing': 'Til egen bolig',
  immediate: 'Øyeblikkelig utskrivning (vold eller trusler)',
  transfer: 'Overføring til annet tilbud',
  dropout: 'Avbrudd',
  other: 'Annet',
};

export const BLOCK_REASON_LABELS: Record<BlockReason, string> = {
  safety: 'Sikkerhet',
  maintenance: 'Vedlikehold',
  staffing: 'Bemanning',
};

export const HOUSING_TYPE_LABELS: Record<HousingType, string> = HOUSING_TYPE_NAMES;

export const HOUSING_STATUS_LABELS: Record<HousingStatus, string> = {
  vacant: 'Ledig',
  reserved: 'Reservert',
  occupied: 'Bebodd',
  unavailable: 'Utilgjengelig',
};

export const ALERT_CODE_LABELS: Record<AlertCode, string> = {
  OVER_CAPACITY: 'Overbelegg',
  HIGH_OCCUPANCY: 'Høyt belegg',
  NO_AVAILABILITY: 'Ingen ledige plasser',
  STALE_REPORT: 'Mangler rapportering',
  STAY_OVER_NORM: 'Opphold over normert botid',
  HOUSING_SHORTAGE: 'Boligmangel',
  REFERRAL_WAITING: 'Henvisning venter for lenge',
  OFFER_EXPIRING: 'Tilbud utløper snart',
};

export const ALERT_SEVERITY_LABELS: Record<AlertSeverity, string> = {
  critical: 'Kritisk',
  warning: 'Advarsel',
  info: 'Til orientering',
};

export const ALERT_STATUS_LABELS: Record<AlertStatus, string> = {
  open: 'Åpne',
  acknowledged: 'Kvitterte',
  resolved: 'Løste',
};

export const ROLE_LABELS: Record<Role, string> = {
  'institution-staff': 'Institusjon',
  'district-staff': 'Bydel',
  intake: 'Felles inntak',
  admin: 'Administrator',
};

/** Felles inntak (ADR 0160): how soon a place is needed. */
export const REFERRAL_URGENCY_LABELS: Record<ReferralUrgency, string> = {
  acute: 'Akutt',
  urgent: 'Haster',
  planned: 'Planlagt',
};

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  waiting: 'Venter',
  offered: 'Tilbudt plass',
  placed: 'Innskrevet',
  withdrawn: 'Trukket',
};

export const REFERRAL_WITHDRAWAL_REASON_LABELS: Record<ReferralWithdrawalReason, string> = {
  'no-longer-needed': 'Behovet er borte',
  'placed-elsewhere': 'Har fått plass et annet sted',
  other: 'Annet',
};

export const OFFER_OUTCOME_LABELS: Record<OfferOutcome, string> = {
  open: 'Venter på svar',
  accepted: 'Takket ja, venter på innskrivning',
  declined: 'Takket nei',
  expired: 'Utløpt',
  refused: 'Avvist av institusjonen (ingen ledig plass)',
  withdrawn: 'Trukket',
};

export const OFFER_DECLINE_REASON_LABELS: Record<OfferDeclineReason, string> = {
  'declined-by-resident': 'Personen takket nei',
  unsuitable: 'Plassen passer ikke',
  'placed-elsewhere': 'Har fått plass et annet sted',
  other: 'Annet',
};

/** Why a unit's approved places change (PUT /api/units/:unitId/capacity). */
export const CAPACITY_CHANGE_REASON_LABELS: Record<CapacityChangeReason, string> = {
  decision: 'Vedtak',
  'contract-change': 'Endret avtale',
  reorganisation: 'Omorganisering',
  correction: 'Retting av feil i registeret',
};

/** Why a dwelling is out of use (status «Utilgjengelig»). */
export const HOUSING_UNAVAILABLE_REASON_LABELS: Record<HousingUnavailableReason, string> = {
  renovation: 'Oppussing',
  damage: 'Skade',
  'other-use': 'Brukes til annet',
};
