import { InstitutionException } from '../institution.exception';
import { addDays, osloToday, requireDateAhead, requireInstantAhead } from './time';

const detailOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InstitutionException && error.code === 'INVALID_VALUE') return error.detail;
    throw error;
  }
  throw new Error('expected an INVALID_VALUE error');
};

describe('request dates and times', () => {
  it("takes today's date from Oslo's calendar, not UTC", () => {
    // 23:30 UTC on 31 December is already 1 January in Oslo (UTC+1 in winter).
    expect(osloToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    // 22:30 UTC on 30 June is 00:30 on 1 July in Oslo (UTC+2 in summer).
    expect(osloToday(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-11-23', -1)).toBe('2026-11-22');
  });

  it('accepts a planned date from today up to the limit and explains a refusal', () => {
    const now = new Date('2026-11-23T09:00:00Z');
    expect(requireDateAhead('plannedDischargeDate', '2026-11-23', 10, now)).toBe('2026-11-23');
    expect(requireDateAhead('plannedDischargeDate', '2026-12-03', 10, now)).toBe('2026-12-03');
    expect(detailOf(() => requireDateAhead('plannedDischargeDate', '2026-11-22', 10, now))).toMatch(
      /in the past; today is 2026-11-23/,
    );
    expect(detailOf(() => requireDateAhead('plannedDischargeDate', '2026-12-04', 10, now))).toMatch(
      /latest accepted is 2026-12-03/,
    );
  });

  it('accepts an instant after now within the window only', () => {
    const now = new Date('2026-11-23T09:00:00Z');
    expect(requireInstantAhead('expiresAt', '2026-11-23T09:00:01Z', 30, now).toISOString()).toBe(
      '2026-11-23T09:00:01.000Z',
    );
    expect(requireInstantAhead('expiresAt', '2026-12-23T09:00:00Z', 30, now)).toBeInstanceOf(Date);
    expect(detailOf(() => requireInstantAhead('expiresAt', '2026-11-23T09:00:00Z', 30, now))).toMatch(
      /not in the future/,
    );
    expect(detailOf(() => requireInstantAhead('expiresAt', '2026-12-23T09:00:01Z', 30, now))).toMatch(
      /more than 30 days ahead/,
    );
  });
});
