/**
 * The utilisation report as CSV for Excel with Norwegian settings: `;` between fields, decimal comma,
 * no thousands separator, CRLF line ends, and UTF-8 with a byte order mark so that æ, ø and å survive
 * opening the file by double-click (ADR 0051).
 */
import { zonedDate } from '@plass/domain';
import type { UtilizationReport } from '@plass/contracts';

export const UTILIZATION_CSV_HEADER = [
  'gruppe',
  'mulige døgn',
  'brukte døgn',
  'sperrede døgn',
  'ubrukte døgn',
  'beleggsprosent',
] as const;

const BOM = '\uFEFF';

/** A number with a decimal comma and at most `decimals` decimals (trailing zeros dropped). */
export function decimalComma(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals))).replace('.', ',');
}

/** A text cell: quoted when it holds a separator, and never read as a formula by a spreadsheet. */
export function textCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function utilizationCsv(report: UtilizationReport): string {
  const rows = [...report.groups, { ...report.total, name: 'Totalt' }].map((r) =>
    [
      textCell(r.name),
      decimalComma(r.possibleBedDays, 2),
      decimalComma(r.usedBedDays, 2),
      decimalComma(r.blockedBedDays, 2),
      decimalComma(r.unusedBedDays, 2),
      r.occupancyRate === null ? '' : decimalComma(r.occupancyRate * 100, 1),
    ].join(';'),
  );
  return `${BOM}${[UTILIZATION_CSV_HEADER.join(';'), ...rows].join('\r\n')}\r\n`;
}

/** `beleggsrapport-category-2024-01-01-2024-12-31.csv`: the period's first and last Oslo calendar day. */
export function utilizationCsvFilename(report: UtilizationReport): string {
  const first = zonedDate(Date.parse(report.from));
  const last = zonedDate(Date.parse(report.to) - 1);
  return `beleggsrapport-${report.groupBy}-${first}-${last}.csv`;
}
