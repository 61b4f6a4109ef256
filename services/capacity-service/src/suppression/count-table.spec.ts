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

  it('finds nothing when two hidden parts share a total that is not all ones', () => {
    const { t } = row({ a: 1, b: 6, c: 9 });
    expect(auditSuppression(t, new Set([0, 1]))).toEqual([]);
  });
});
