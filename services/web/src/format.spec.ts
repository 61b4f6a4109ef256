import { describe, expect, it } from '@jest/globals';
import { formatDate, formatDateTime, formatDay } from './format';

describe('dates the Norwegian way', () => {
  it('shows a day as dd.mm.yyyy, never ISO', () => {
    expect(formatDay('2026-12-04')).toBe('04.12.2026');
    expect(formatDate('2026-12-04T10:00:00Z')).toBe('04.12.2026');
  });

  it('shows a time after the day with «kl.»', () => {
    expect(formatDateTime('2026-12-04T10:05:00Z')).toMatch(/^04\.12\.2026 kl\. \d{2}[:.]05$/);
  });

  it('shows a dash for nothing', () => {
    expect(formatDay(null)).toBe('–');
    expect(formatDateTime(undefined)).toBe('–');
  });
});
