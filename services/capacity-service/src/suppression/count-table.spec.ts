import { auditSuppression, CountTable, suppressCounts, applySuppression } from './count-table';

/** A row of counts with its total: `{ total, a, b, … }`. */
function row(values: Record<string, number>) {
  const t = new CountTable();
  const report = { ...values, total: Object.values(values).reduce((a, b) => a + b, 0) };
  const parts = Object.keys(values).map((key) => t.count(report, key));
  t.sum(t.count(report, 'total'), parts);
  return { t, report: report as Record<string, number | null> & { suppressed?: string[] } };
}

describe(CountTable.name, () => {
  it('hides counts from 1 to threshold − 1 and never 0', () => {
    const { t } = row({ a: 0, b: 4, c: 5, d: 1 });
    const hidden = suppressCounts(t, 5);
    expect([...hidden].map((i) => t.cells[i].path.join('.'))).toEqual(expect.arrayContaining(['b', 'd']));
    expect(hidden.has(t.cells[0].index)).toBe(false);
  });

  it('hides the next smallest non-zero part when a single hidden part would be the total minus the rest', () => {
    const { t, report } = row({ planned: 20, immediate: 1, transfer: 0, other: 7 });
    applySuppression(t, 5);
    expect(report).toMatchObject({ planned: 20, immediate: null, transfer: 0, other: null, total: 28 });
    expect(report.suppressed).toEqual(['immediate', 'other']);
  });

  it('hides one more part when every hidden part is 1, since each hidden count is at least 1', () => {
    const { t, report } = row({ a: 1, b: 1, c: 9, d: 30 });
    applySuppression(t, 5);
    expect(report).toMatchObject({ a: null, b: null, c: null, d: 30, total: 41 });
  });

  it('hides the total when the only non-zero part is hidden', () => {
    const { t, report } = row({ a: 3, b: 0 });
    applySuppression(t, 5);
    expect(report).toMatchObject({ a: null, b: 0, total: null });
  });

  it('changes nothing when no count is small', () => {
    const { t, report } = row({ a: 0, b: 5, c: 12 });
    expect(applySuppression(t, 5)).toBe(0);
    expect(report).toEqual({ a: 0, b: 5, c: 12, total: 17 });
  });

  it('never hides a count the reader knows, and counts it as visible', () => {
    const t = new CountTable();
    const report = { own: 2, other: 3, more: 40, total: 45 };
    const own = t.count(report, 'own', { known: true });
    t.sum(t.count(report, 'total'), [own, t.count(report, 'other'), t.count(report, 'more')]);
    applySuppression(t, 5);
    expect(report).toMatchObject({ own: 2, other: null, more: null, total: 45 });
  });

  it('hides a value that follows a hidden count, and only then', () => {
    const t = new CountTable();
    const report = {
      rows: [
        { stays: 2, share: 0.2 },
        { stays: 8, share: 0.8 },
      ],
      total: 10,
    };
    const cells = report.rows.map((r) => {
      const cell = t.count(r, 'stays');
      t.dependent(r, 'share', [cell]);
      return cell;
    });
    t.sum(t.count(report, 'total'), cells);
    applySuppression(t, 5);
    expect(report.rows).toEqual([
      { stays: null, share: null, suppressed: ['stays', 'share'] },
      { stays: null, share: null, suppressed: ['stays', 'share'] },
    ]);
  });

  it('refuses a field that is not a count', () => {
    expect(() => new CountTable().count({ share: 0.5 }, 'share')).toThrow(/share is not a count/);
  });
});

describe(auditSuppression.name, () => {
  it('finds a hidden cell that is the total minus the visible parts', () => {
    const { t } = row({ a: 2, b: 9 });
    expect(auditSuppression(t, new Set([0]))).toEqual([0]);
  });

  it('finds hidden parts pinned at 1 by the total', () => {
    const { t } = row({ a: 1, b: 1, c: 9 });
    expect(auditSuppression(t, new Set([0, 1]))).toEqual([0, 1]);
  });

  it('finds a cell fixed only by combining a row and a column', () => {
    // a b | 10      hidden: a, b, c; a + b = 10 (row), a + c = 7 (column), b + c = 9 (column b … via grand)
    const t = new CountTable();
    const r = { a: 4, b: 6, c: 3, d: 20 };
    const [a, b, c, d] = (['a', 'b', 'c', 'd'] as const).map((k) => t.count(r, k));
    t.sum(t.virtual(10), [a, b]);
    t.sum(t.virtual(23), [c, d]);
    t.sum(t.virtual(7), [a, c]);
    t.sum(t.virtual(26), [b, d]);
    expect(auditSuppression(t, new Set([a.index, b.index, c.index]))).toEqual([a.index, b.index, c.index]);
    expect(auditSuppression(t, new Set([a.index, b.index, c.index, d.index]))).toEqual([]);
  });

  it('finds hidden 1s pinned only by sums together, which bounds on each sum miss', () => {
    // x0 x1 x2 | r0     hidden: x0, x1, x2, x8 (1), x4, x6 (2), r0, r1, c0, c2; visible: row 2, column 1,
    //  0 x4  0 | r1     grand. x1 + x4 = 3 and r0 + r1 = 8 − 3 give x0 + x2 = 2, so x0 = x2 = 1, while
    // x6  0 x8 | 3      x1, x4 (and r0, r1) can trade a unit, as can x6 and x8 (and c0, c2).
    // c0  3 c2 | 8
    const t = new CountTable();
    const report = { x: [1, 1, 1, 0, 2, 0, 2, 0, 1] };
    const x = report.x.map((_, i) => t.count(report, ['x', String(i)]));
    const rows = [3, 2, 3].map((total, i) => t.sum(t.virtual(total), x.slice(3 * i, 3 * i + 3)));
    const columns = [3, 3, 2].map((total, j) => t.sum(t.virtual(total), [x[j], x[j + 3], x[j + 6]]));
    t.sum(t.sum(t.virtual(8), rows), columns);
    const hidden = [0, 1, 2, 4, 6, 8].map((i) => x[i]).concat(rows[0], rows[1], columns[0], columns[2]);
    const audit = (cells: typeof x) => auditSuppression(t, new Set(cells.map((c) => c.index)));
    expect(audit(hidden)).toEqual([x[0].index, x[2].index]);
    // Hiding row 2's total too lets x6 and x8 trade with x0 and x2.
    expect(audit([...hidden, rows[2]])).toEqual([]);
  });

  it('finds nothing when two hidden parts share a total that is not all ones', () => {
    const { t } = row({ a: 1, b: 6, c: 9 });
    expect(auditSuppression(t, new Set([0, 1]))).toEqual([]);
  });
});
