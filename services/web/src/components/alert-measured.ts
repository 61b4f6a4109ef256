/** What an alert measured, as a line of bokmål (pure: no components, so it is unit-tested alone). */
import type { AlertData } from '@plass/contracts';
import { HOUSING_TYPES } from '@plass/domain';
import { formatDateTime, formatRate } from '../format';
import { HOUSING_TYPE_LABELS } from '../labels';

const MEASURED_LABELS: Record<string, string> = {
  occupancyRate: 'belegg',
  threshold: 'terskel',
  available: 'ledige',
  overCapacity: 'over kapasitet',
  occupied: 'opptatt',
  capacity: 'plasser',
  blocked: 'sperret',
  need: 'behov',
  vacant: 'ledige boliger',
  shortfall: 'mangler',
  staysOverNorm: 'opphold over norm',
  lastReportAt: 'sist rapportert',
  waitingOverLimit: 'henvisninger som har ventet for lenge',
  oldestReceivedAt: 'eldste mottatt',
  offersExpiring: 'tilbud som utløper',
  firstExpiresAt: 'første utløper',
};

/** Per housing type (ADR 0172): «Ordinær bolig: mangler 10 (behov 12, ledige 2)». */
function housingShortfallText(alert: AlertData): string[] {
  return HOUSING_TYPES.flatMap((type) => {
    const shortfall = alert.measured[`shortfall.${type}`];
    if (typeof shortfall !== 'number' || shortfall <= 0) return [];
    const need = alert.measured[`need.${type}`];
    const vacant = alert.measured[`vacant.${type}`];
    return [
      `${HOUSING_TYPE_LABELS[type]}: mangler ${shortfall} (behov ${need ?? '–'}, ledige ${vacant ?? '–'})`,
    ];
  });
}

export function measuredText(alert: AlertData): string {
  if (alert.code === 'HOUSING_SHORTAGE' && alert.housingType === null) {
    const perType = housingShortfallText(alert);
    const total = alert.measured.shortfall;
    if (perType.length > 0) return `${perType.join('; ')}`;
    return typeof total === 'number' ? `mangler ${total}` : '–';
  }
  const parts = Object.entries(alert.measured).flatMap(([key, value]) => {
    const label = MEASURED_LABELS[key];
    if (!label || value === null) return [];
    if (typeof value === 'number') {
      return [`${label} ${/rate|threshold/i.test(key) ? formatRate(value) : value}`];
    }
    return [`${label} ${/At$/.test(key) ? formatDateTime(value) : value}`];
  });
  if (alert.housingType) parts.unshift(HOUSING_TYPE_LABELS[alert.housingType]);
  return parts.join(', ') || '–';
}
