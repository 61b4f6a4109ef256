import { describe, expect, it } from '@jest/globals';
import { formatDateTime } from '../../format';
import { effectiveTimeNote, effectiveTimeProblem, instantOfLocal, osloNowLocal } from './effective-time';

const now = new Date('2026-11-23T12:00:00Z'); // 13:00 in Oslo

describe('«Tidspunkt» in the institution forms', () => {
  it('reads the field as the wall clock in Oslo, in winter and in summer', () => {
    expect(instantOfLocal('2026-11-23T02:30')?.toISOString()).toBe('2026-11-23T01:30:00.000Z');
    expect(instantOfLocal('2026-07-01T02:30')?.toISOString()).toBe('2026-07-01T00:30:00.000Z');
    expect(instantOfLocal('2026-02-30T02:30')).toBeNull();
    expect(instantOfLocal('23.11.2026 02:30')).toBeNull();
  });

  it('offers now in Oslo as the latest value', () => {
    expect(osloNowLocal(now)).toBe('2026-11-23T13:00');
  });

  it('takes empty as now and a past time as it is', () => {
    expect(effectiveTimeProblem('', now)).toBeNull();
    expect(effectiveTimeProblem('2026-11-20T08:00', now)).toBeNull();
    expect(effectiveTimeNote('')).toBe('');
    // Shown as the browser shows every time (formatDateTime), here the test's zone.
    expect(effectiveTimeNote('2026-11-20T08:00')).toBe(
      ` (tidspunkt ${formatDateTime('2026-11-20T07:00:00.000Z')})`,
    );
  });

  it('refuses a time ahead of now, a malformed one, and one before the admission', () => {
    expect(effectiveTimeProblem('2026-11-23T13:05', now)).toBe('Tidspunktet kan ikke være fram i tid.');
    expect(effectiveTimeProblem('2026-11-23T13:01', now)).toBeNull();
    expect(effectiveTimeProblem('i går', now)).toBe('Skriv tidspunktet som dd.mm.åååå tt:mm.');
    expect(
      effectiveTimeProblem('2026-11-22T08:00', now, { at: '2026-11-22T09:00:00Z', what: 'innskrivningen' }),
    ).toBe(`Tidspunktet kan ikke være før innskrivningen (${formatDateTime('2026-11-22T09:00:00Z')}).`);
  });
});
