/**
 * The e-mail of an alert transition, in Norwegian: the code's label and code, the scope it concerns, what
 * was measured and when. An alert carries no resident data, and neither does this text: no names, no ids
 * of persons, no free text — only the place (unit, institution, category, district) and figures.
 */
import type { AlertData, AlertTransition } from '@plass/contracts';
import {
  districtName,
  HOUSING_TYPE_NAMES,
  isDistrictCode,
  SERVICE_CATEGORIES,
  type AlertCode,
  type AlertScope,
} from '@plass/domain';

export const ALERT_CODE_NAMES: Record<AlertCode, string> = {
  OVER_CAPACITY: 'Overbelegg',
  HIGH_OCCUPANCY: 'Høyt belegg',
  NO_AVAILABILITY: 'Ingen ledige plasser',
  STALE_REPORT: 'Mangler rapportering',
  STAY_OVER_NORM: 'Opphold over normert botid',
  HOUSING_SHORTAGE: 'Boligmangel',
  REFERRAL_WAITING: 'Henvisning venter for lenge',
  OFFER_EXPIRING: 'Tilbud utløper snart',
};

const SCOPE_NAMES: Record<AlertScope, string> = {
  unit: 'Enhet',
  institution: 'Institusjon',
  category: 'Tjenestekategori',
  district: 'Bydel',
};

const TRANSITION_NAMES: Record<AlertTransition, string> = {
  raised: 'Nytt varsel',
  updated: 'Varsel endret',
  acknowledged: 'Varsel kvittert',
  resolved: 'Varsel løst',
};

const MEASURED_NAMES: Record<string, string> = {
  capacity: 'Kapasitet',
  occupied: 'Belagt',
  usable: 'Brukbare plasser',
  available: 'Ledige',
  blocked: 'Sperret',
  reserved: 'Reservert',
  occupancyRate: 'Beleggsprosent',
  need: 'Behov',
  vacant: 'Ledige boliger',
  count: 'Antall',
  shortfall: 'Mangel',
  typesShort: 'Boligtyper med mangel',
};

/** `need`, or `shortfall.transitional` (a housing shortage's figure per type) in words. */
function measuredName(key: string): string {
  const [base, type] = key.split('.', 2);
  const name = MEASURED_NAMES[base] ?? base;
  if (type === undefined) return name;
  return `${name}, ${(HOUSING_TYPE_NAMES as Record<string, string>)[type] ?? type}`;
}

/**
 * The alert as a webhook receives it: everything but who acknowledged it. Staff identity stays inside the
 * dashboard and the audit trail; it does not leave the system with a notification.
 */
export function deliveredAlert(alert: AlertData): Omit<AlertData, 'acknowledgedBy'> {
  const delivered: Partial<AlertData> = { ...alert };
  delete delivered.acknowledgedBy;
  return delivered as Omit<AlertData, 'acknowledgedBy'>;
}

/** «04.12.2026 kl. 17:05», Oslo time. */
export function osloDateTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('nb-NO', {
    timeZone: 'Europe/Oslo',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}.${get('month')}.${get('year')} kl. ${get('hour')}:${get('minute')}`;
}

/** «Enhet Avdeling 1, Institusjon X», «Bydel Sagene», «Tjenestekategori Akutt». */
export function scopeText(alert: AlertData): string {
  if (alert.scope === 'district') {
    const name = isDistrictCode(alert.scopeId)
      ? districtName(alert.scopeId)
      : (alert.scopeName ?? alert.scopeId);
    return `${SCOPE_NAMES.district} ${name}`;
  }
  if (alert.scope === 'category') {
    const name = SERVICE_CATEGORIES.find((c) => c.code === alert.scopeId)?.name ?? alert.scopeName;
    return `${SCOPE_NAMES.category} ${name ?? alert.scopeId}`;
  }
  return `${SCOPE_NAMES[alert.scope]} ${alert.scopeName ?? alert.scopeId}`;
}

function measuredValue(value: number | string | null): string {
  if (value === null) return 'ikke målt';
  if (typeof value === 'number') return String(value).replace('.', ',');
  return /^\d{4}-\d{2}-\d{2}T/.test(value) ? osloDateTime(value) : value;
}

export function emailMessage(
  alert: AlertData,
  transition: AlertTransition,
): { subject: string; text: string } {
  const label = ALERT_CODE_NAMES[alert.code];
  const scope = scopeText(alert);
  const subject = `[Plassoversikt] ${TRANSITION_NAMES[transition]}: ${label} (${alert.code}) – ${scope}`;
  const at = transition === 'resolved' && alert.resolvedAt ? alert.resolvedAt : alert.raisedAt;
  const measured = Object.entries(alert.measured).map(
    ([key, value]) => `  ${measuredName(key)}: ${measuredValue(value)}`,
  );
  const text = [
    `${TRANSITION_NAMES[transition]} i Plassoversikt.`,
    '',
    `Varsel: ${label} (${alert.code})`,
    `Gjelder: ${scope}`,
    `Tidspunkt: ${osloDateTime(at)}`,
    ...(measured.length > 0 ? ['Målt:', ...measured] : []),
    '',
    'Se Varsler i Plassoversikt for gjeldende tall.',
    'Du får denne e-posten fordi du abonnerer på varsler under Varslinger i Plassoversikt.',
  ].join('\n');
  return { subject, text };
}
