import { median, percentile, round, summarize } from './stats';

describe('stats', () => {
  it('takes percentiles by nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarises an unsorted sample without changing it', () => {
    const sample = [30, 10, 20, 40];
    expect(summarize(sample)).toEqual({ count: 4, p50: 20, p95: 40, p99: 40, max: 40, mean: 25 });
    expect(sample).toEqual([30, 10, 20, 40]);
    expect(median([3, 1, 2])).toBe(2);
  });

  it('rounds to one decimal and leaves NaN alone', () => {
    expect(round(12.345)).toBe(12.3);
    expect(round(12.345, 2)).toBe(12.35);
    expect(round(Number.NaN)).toBeNaN();
  });
});
