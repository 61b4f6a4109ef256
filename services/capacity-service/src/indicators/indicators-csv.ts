/**
 * The steering indicators as CSV (ADR 0185), written like the utilisation report's (ADR 0051): `;`,
 * decimal comma, BOM, CRLF. The indicators are several tables of different shapes, so the file is long:
 * one row per figure, with the date, category and referring district it belongs to (empty where none).
 */
import { STAY_LENGTH_BUCKETS, type CapacityIndicators } from '@plass/contracts';
import { DISCHARGE_REASONS, SERVICE_CATEGORIES, zonedDate, type DischargeReason } from '@plass/domain';
import { decimalComma, textCell } from '../reports/utilization-csv';
import { countCell, HIDDEN_VALUE, isHidden } from '../suppression/suppressed-csv';

const BOM = '\uFEFF';

export const INDICATORS_CSV_HEADER = ['indikator', 'dato', 'tjenestekategori', 'bydel', 'verdi'];

const REASON: Record<DischargeReason, string> = {
  planned: 'planlagt',
  'own-housing': 'til egen bolig',
  immediate: 'øyeblikkelig utskrivning',
  transfer: 'overføring',
  dropout: 'avbrudd',
  other: 'annet',
};

const categoryName = (code: string) => SERVICE_CATEGORIES.find((c) => c.code === code)?.name ?? code;

type Row = [indicator: string, date: string, category: string, district: string, value: string];

/** Counts hidden by small-number suppression are written `<5`, values computed from them `ikke vist`. */
export function indicatorsCsv(report: CapacityIndicators): string {
  const n = (value: number | null) => countCell(value, report.suppression);
  const rows: Row[] = [];
  for (const d of report.flow) {
    rows.push(['innleggelser', d.date, '', '', n(d.admissions)]);
    rows.push(['utskrivninger', d.date, '', '', n(d.discharges)]);
  }
  for (const c of report.dischargesByReason) {
    rows.push(['utskrivninger i alt', '', c.name, '', n(c.total)]);
    for (const reason of DISCHARGE_REASONS) {
      rows.push([
        `utskrivninger: ${REASON[reason]}`,
        '',
        c.name,
        '',
        n(c.byReason[reason] === undefined ? 0 : c.byReason[reason]),
      ]);
    }
  }
  for (const m of report.movesToOwnHousing) {
    rows.push(['flyttet til egen bolig: uten adresse i Oslo', '', m.name, '', n(m.withoutOsloAddress)]);
  }
  for (const r of report.referrals) {
    rows.push(['opphold startet', '', '', r.name, n(r.stays)]);
    for (const c of r.categories) {
      rows.push(['opphold startet', '', categoryName(c.category), r.name, n(c.stays)]);
      rows.push([
        'andel av bydelens opphold',
        '',
        categoryName(c.category),
        r.name,
        c.share === null ? HIDDEN_VALUE : decimalComma(c.share, 3),
      ]);
    }
  }
  for (const c of report.staysOverNorm) {
    rows.push(['åpne opphold ved periodens slutt', '', c.name, '', n(c.openStays)]);
    rows.push([`over normert tid (${c.normedMaxStayDays} døgn)`, '', c.name, '', n(c.overNorm)]);
    rows.push([
      'lengste åpne opphold (døgn)',
      '',
      c.name,
      '',
      isHidden(c, 'longestDays') ? HIDDEN_VALUE : c.longestDays === null ? '' : String(c.longestDays),
    ]);
  }
  // Stays beyond the norm in the period, by length (ADR 0221): every category, also those with none.
  for (const c of report.staysBeyondNorm) {
    rows.push([`utover normert botid (${c.normedMaxStayDays} døgn) i alt`, '', c.name, '', n(c.total)]);
    for (const b of STAY_LENGTH_BUCKETS) {
      rows.push([`utover normert botid: ${b.name}`, '', c.name, '', n(c.buckets[b.key])]);
    }
  }
  const lines = rows.map((r) => r.map((cell) => textCell(cell)).join(';'));
  return `${BOM}${[INDICATORS_CSV_HEADER.join(';'), ...lines].join('\r\n')}\r\n`;
}

/** `styringsdata-2026-01-01-2026-12-31.csv`: the period's first and last Oslo calendar day. */
export function indicatorsCsvFilename(report: CapacityIndicators): string {
  const first = zonedDate(Date.parse(report.from));
  const last = zonedDate(Date.parse(report.to) - 1);
  return `styringsdata-${first}-${last}.csv`;
}
