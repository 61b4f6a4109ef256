/** How the CSV downloads write what small-number suppression hid (ADR 0223). */
import type { Suppression } from './count-table';

/** A value computed from a hidden count (a share, a percentile, the longest stay). */
export const HIDDEN_VALUE = 'ikke vist';

/** A count: `<5` when hidden (with the threshold that applied), else the number. */
export function countCell(value: number | null, suppression: Suppression | undefined): string {
  if (value !== null) return String(value);
  return suppression ? `<${suppression.threshold}` : '';
}

/** Whether `field` of `row` was hidden. */
export const isHidden = (row: { suppressed?: readonly string[] }, field: string) =>
  row.suppressed?.includes(field) ?? false;
