import { describe, expect, it } from '@jest/globals';
import { formatDate, formatDateTime, formatDay, isoDay, nextDay } from './format';

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

describe("a report's days are Oslo's days", () => {
  it("gives Oslo's date for a date field, also in the last hour of a UTC day", () => {
    expect(isoDay(new Date('2026-12-04T22:59:00Z'))).toBe('2026-12-04');
    expect(isoDay(new Date('2026-12-04T23:30:00Z'))).toBe('2026-12-05');
    expect(isoDay(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(isoDay(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });

  it('gives the next calendar day across months, years and leap days', () => {
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2024-02-29')).toBe('2024-03-01');
    expect(nextDay('2024-12-31')).toBe('2025-01-01');
    expect(nextDay('2026-03-29')).toBe('2026-03-30');
  });
});
