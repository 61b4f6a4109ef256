/**
 * The steering indicators' counts of people and stays as a count table (ADRs 0223, 0224). Covering a new
 * count field is one line here: `t.counts(report.newRows, 'count')` (or `t.sum(…)` when it has a total).
 */
import { STAY_LENGTH_BUCKET_KEYS, type CapacityIndicators } from '@plass/contracts';
import { DISCHARGE_REASONS } from '@plass/domain';
import { applySuppression, CountTable } from './count-table';
import type { SuppressionReader } from './suppression-policy';

const total = (values: readonly (number | null)[]) => values.reduce<number>((a, b) => a + (b ?? 0), 0);

export function indicatorsCountTable(report: CapacityIndicators, reader: SuppressionReader): CountTable {
  const t = new CountTable();

  // The days' admissions add up to the stays begun in the period, their discharges to the categories'.
  const admitted = t.sum(
    t.virtual(total(report.flow.map((d) => d.admissions))),
    t.counts(report.flow, 'admissions'),
  );
  const discharged = t.sum(
    t.virtual(total(report.flow.map((d) => d.discharges))),
    t.counts(report.flow, 'discharges'),
  );

  const categoryTotals = report.dischargesByReason.map((row) => {
    const byReason = DISCHARGE_REASONS.map((reason) => t.count(row, ['byReason', reason]));
    const moves = report.movesToOwnHousing.find((m) => m.category === row.category);
    if (moves) {
      t.dependent(moves, 'count', [byReason[DISCHARGE_REASONS.indexOf('own-housing')]]);
      // Of those moves, the people without an Oslo address: a count of its own (a part, not a sum).
      t.count(moves, 'withoutOsloAddress');
    }
    return t.sum(t.count(row, 'total'), byReason);
  });
  t.sum(discharged, categoryTotals);

  // Stays begun per referring district and category: rows and columns add up to the `all` row.
  const all = report.referrals.find((r) => r.districtCode === 'all');
  const rows = report.referrals.map((row) => {
    const known = row.districtCode === reader.ownDistrict;
    const stays = t.count(row, 'stays', { known });
    const cells = row.categories.map((c) => {
      const cell = t.count(c, 'stays', { known });
      t.dependent(c, 'share', [cell, stays]);
      return { category: c.category, cell };
    });
    t.sum(
      stays,
      cells.map((c) => c.cell),
    );
    return { row, stays, cells };
  });
  const allRow = rows.find((r) => r.row === all);
  if (allRow) {
    t.sum(admitted, [allRow.stays]);
    t.sum(
      allRow.stays,
      rows.filter((r) => r.row !== all).map((r) => r.stays),
    );
    for (const { category, cell } of allRow.cells) {
      t.sum(
        cell,
        rows
          .filter((r) => r.row !== all)
          .flatMap((r) => r.cells.filter((c) => c.category === category).map((c) => c.cell)),
      );
    }
  }

  // Open stays at the end of the period and those over the norm; the longest stay is one person's.
  for (const row of report.staysOverNorm) {
    const open = t.count(row, 'openStays');
    t.count(row, 'overNorm');
    t.dependent(row, 'longestDays', [open]);
  }
  // Stays beyond the norm in the period by length: the buckets add up to the row's total (ADR 0221).
  for (const row of report.staysBeyondNorm) {
    t.sum(
      t.count(row, 'total'),
      STAY_LENGTH_BUCKET_KEYS.map((bucket) => t.count(row, ['buckets', bucket])),
    );
  }
  return t;
}

/** The indicators as `reader` may see them: a copy with the hidden counts null. */
export function suppressIndicators(
  report: CapacityIndicators,
  reader: SuppressionReader,
): CapacityIndicators {
  if (!reader.suppression) return { ...report, suppression: null };
  const copy = structuredClone(report);
  applySuppression(indicatorsCountTable(copy, reader), reader.suppression.threshold);
  return { ...copy, suppression: reader.suppression };
}
