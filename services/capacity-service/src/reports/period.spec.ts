import { HttpException } from '@nestjs/common';
import { parseInstant, parsePeriod, stepsOf } from './period';

function detailOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof HttpException) return (error.getResponse() as { detail: string }).detail;
  }
  return 'no problem thrown';
}

describe('report periods', () => {
  it('reads a date as midnight in Oslo and a date-time as given', () => {
    expect(new Date(parseInstant('2024-07-01', 'from')).toISOString()).toBe('2024-06-30T22:00:00.000Z');
    expect(new Date(parseInstant('2024-07-01T12:00:00+02:00', 'from')).toISOString()).toBe(
      '2024-07-01T10:00:00.000Z',
    );
  });

  it('refuses a date-time without a time zone, an impossible date and a reversed period', () => {
    expect(detailOf(() => parseInstant('2024-07-01T12:00', 'from'))).toMatch(/time zone/);
    expect(detailOf(() => parseInstant('2024-02-30', 'to'))).toMatch(/not a real date/);
    expect(detailOf(() => parsePeriod('2024-02-01', '2024-01-01', 366, 'x'))).toMatch(/must be before/);
  });

  it('refuses a period longer than its limit and accepts a leap year of whole Oslo days', () => {
    expect(detailOf(() => parsePeriod('2024-01-01', '2024-02-02', 31, 'a series by hour'))).toMatch(
      /a series by hour covers at most 31 days/,
    );
    expect(() => parsePeriod('2024-01-01', '2025-01-01', 366, 'x')).not.toThrow();
  });

  it('steps by Oslo calendar day across daylight saving, and cuts the last step at the end', () => {
    const steps = stepsOf(parsePeriod('2024-03-30', '2024-04-01T12:00:00+02:00', 366, 'x'), 'day');
    expect(steps.map((s) => (s.end - s.start) / 3_600_000)).toEqual([24, 23, 12]);
    const hours = stepsOf(parsePeriod('2024-01-01', '2024-01-02', 31, 'x'), 'hour');
    expect(hours).toHaveLength(24);
  });
});
