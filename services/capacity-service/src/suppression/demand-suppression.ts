/**
 * The demand report's referral counts as a count table (ADRs 0223, 0224): each count column adds up to the
 * total row; a group's waiting-time percentiles follow its `placed`. Days without a free place are days.
 */
import type { DemandFigures, DemandReport } from '@plass/contracts';
import { OFFER_DECLINE_REASONS } from '@plass/domain';
import { applySuppression, CountTable } from './count-table';
import type { SuppressionReader } from './suppression-policy';

/** The counted fields of a row; a new count is one more path here. */
const COUNT_PATHS: readonly (readonly string[])[] = [
  ['received'],
  ['placed'],
  ['withdrawn'],
  ['waitingNow'],
  ...OFFER_DECLINE_REASONS.map((r) => ['offersDeclined', r]),
];

export function demandCountTable(report: DemandReport, reader: SuppressionReader): CountTable {
  const t = new CountTable();
  const ownRow = (key: string) => report.groupBy === 'district' && key === reader.ownDistrict;
  const placed = (row: DemandFigures, cell: ReturnType<CountTable['count']>) => {
    t.dependent(row, 'waitingHoursP50', [cell]);
    t.dependent(row, 'waitingHoursP90', [cell]);
  };
  for (const path of COUNT_PATHS) {
    const parts = report.groups.map((g) => {
      const cell = t.count(g, path, { known: ownRow(g.key) });
      if (path[0] === 'placed') placed(g, cell);
      return cell;
    });
    const totalCell = t.sum(t.count(report.total, path), parts);
    if (path[0] === 'placed') placed(report.total, totalCell);
  }
  return t;
}

/** The demand report as `reader` may see it: a copy with the hidden counts null. */
export function suppressDemand(report: DemandReport, reader: SuppressionReader): DemandReport {
  if (!reader.suppression) return { ...report, suppression: null };
  const copy = structuredClone(report);
  applySuppression(demandCountTable(copy, reader), reader.suppression.threshold);
  return { ...copy, suppression: reader.suppression };
}
