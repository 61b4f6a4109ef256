/** The demand report as CSV, written like the utilisation report's (ADR 0051): `;`, decimal comma, BOM, CRLF. */
import type { DemandReport } from '@plass/contracts';
import { OFFER_DECLINE_REASONS, zonedDate, type OfferDeclineReason } from '@plass/domain';
import { decimalComma, textCell } from '../reports/utilization-csv';
import { countCell, HIDDEN_VALUE, isHidden } from '../suppression/suppressed-csv';

const BOM = '\uFEFF';

/** The column of each decline reason: offers the district declined (takket nei til), and why. */
const DECLINED_COLUMN: Record<OfferDeclineReason, string> = {
  'declined-by-resident': 'tilbud avslått: beboer takket nei',
  unsuitable: 'tilbud avslått: uegnet',
  'placed-elsewhere': 'tilbud avslått: plassert annet sted',
  other: 'tilbud avslått: annet',
};

export function demandCsvHeader(groupBy: DemandReport['groupBy']): string[] {
  return [
    'gruppe',
    'mottatt',
    'plassert',
    'trukket',
    'venter nå',
    'ventetid p50 (timer)',
    'ventetid p90 (timer)',
    ...OFFER_DECLINE_REASONS.map((r) => DECLINED_COLUMN[r]),
    ...(groupBy === 'category' ? ['døgn uten ledig plass'] : []),
  ];
}

/** Counts hidden by small-number suppression are written `<5`, percentiles computed from them `ikke vist`. */
export function demandCsv(report: DemandReport): string {
  const n = (value: number | null) => countCell(value, report.suppression);
  const rows = [...report.groups, { ...report.total, name: 'Totalt', daysWithoutFreePlace: undefined }].map(
    (r) => {
      const hours = (field: 'waitingHoursP50' | 'waitingHoursP90') => {
        const v = r[field];
        if (isHidden(r, field)) return HIDDEN_VALUE;
        return v === null ? '' : decimalComma(v, 1);
      };
      return [
        textCell(r.name),
        n(r.received),
        n(r.placed),
        n(r.withdrawn),
        n(r.waitingNow),
        hours('waitingHoursP50'),
        hours('waitingHoursP90'),
        ...OFFER_DECLINE_REASONS.map((reason) => n(r.offersDeclined[reason])),
        ...(report.groupBy === 'category'
          ? [r.daysWithoutFreePlace === undefined ? '' : String(r.daysWithoutFreePlace)]
          : []),
      ].join(';');
    },
  );
  return `${BOM}${[demandCsvHeader(report.groupBy).join(';'), ...rows].join('\r\n')}\r\n`;
}

/** `ettersporsel-category-2026-01-01-2026-12-31.csv`: the period's first and last Oslo calendar day. */
export function demandCsvFilename(report: DemandReport): string {
  const first = zonedDate(Date.parse(report.from));
  const last = zonedDate(Date.parse(report.to) - 1);
  return `ettersporsel-${report.groupBy}-${first}-${last}.csv`;
}
