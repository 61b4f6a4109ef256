/**
 * The financing report as CSV for Excel with Norwegian settings, as the utilisation report writes it:
 * `;` between fields, decimal comma, CRLF line ends, UTF-8 with a byte order mark.
 */
import type { FinancingFigures, FinancingReport } from '@plass/contracts';
import { zonedDate } from '@plass/domain';
import { decimalComma, textCell } from '../reports/utilization-csv';

export const FINANCING_CSV_HEADER = [
  'gruppe',
  'tilgjengelige døgn egenregi',
  'brukte døgn egenregi',
  'ubrukte døgn egenregi',
  'tilgjengelige døgn ideelle',
  'brukte døgn ideelle',
  'ubrukte døgn ideelle',
  'kjøpte døgn',
  'kostnad kjøp (kr)',
  'kjøpte døgn med ledig plass',
  'kostnad kjøp med ledig plass (kr)',
  'dager kjøpt med ledig plass',
] as const;

const BOM = '\uFEFF';

const bedDays = (value: number | null) => (value === null ? '' : decimalComma(value, 2));

export function financingCsv(report: FinancingReport): string {
  const rows = [...report.groups, { ...report.total, name: 'Totalt' }].map(
    (r: FinancingFigures & { name: string }) =>
      [
        textCell(r.name),
        bedDays(r.ownAvailableBedDays),
        bedDays(r.ownUsedBedDays),
        bedDays(r.ownUnusedBedDays),
        bedDays(r.nonprofitAvailableBedDays),
        bedDays(r.nonprofitUsedBedDays),
        bedDays(r.nonprofitUnusedBedDays),
        String(r.purchasedBedDays),
        String(r.purchaseCost),
        String(r.purchasedWhileFreeBedDays),
        String(r.purchaseCostWhileFree),
        String(r.daysBoughtWhileFree),
      ].join(';'),
  );
  return `${BOM}${[FINANCING_CSV_HEADER.join(';'), ...rows].join('\r\n')}\r\n`;
}

/** `finansiering-category-2026-01-01-2026-12-31.csv`: the period's first and last Oslo calendar day. */
export function financingCsvFilename(report: FinancingReport): string {
  const first = zonedDate(Date.parse(report.from));
  const last = zonedDate(Date.parse(report.to) - 1);
  return `finansiering-${report.groupBy}-${first}-${last}.csv`;
}
