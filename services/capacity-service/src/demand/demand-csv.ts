/** The demand report as CSV, written like the utilisation report's (ADR 0051): `;`, decimal comma, BOM, CRLF. */
import type { DemandReport } from '@plass/contracts';
import { OFFER_DECLINE_REASONS, zonedDate, type OfferDeclineReason } from '@plass/domain';
import { decimalComma, textCell } from '../reports/utilization-csv';

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

export function demandCsv(report: DemandReport): string {
  const hours = (v: number | null) => (v === null ? '' : decimalComma(v, 1));
  const rows = [...report.groups, { ...report.total, name: 'Totalt', daysWithoutFreePlace: undefined }].map(
    (r) =>
      [
        textCell(r.name),
        String(r.received),
        String(r.placed),
        String(r.withdrawn),
        String(r.waitingNow),
        hours(r.waitingHoursP50),
        hours(r.waitingHoursP90),
        ...OFFER_DECLINE_REASONS.map((reason) => String(r.offersDeclined[reason])),
        ...(report.groupBy === 'category'
          ? [r.daysWithoutFreePlace === undefined ? '' : String(r.daysWithoutFreePlace)]
          : []),
      ].join(';'),
  );
  return `${BOM}${[demandCsvHeader(report.groupBy).join(';'), ...rows].join('\r\n')}\r\n`;
}

/** `ettersporsel-category-2026-01-01-2026-12-31.csv`: the period's first and last Oslo calendar day. */
export function demandCsvFilename(report: DemandReport): string {
  const first = zonedDate(Date.parse(report.from));
  const last = zonedDate(Date.parse(report.to) - 1);
  return `ettersporsel-${report.groupBy}-${first}-${last}.csv`;
}
