import type { AuthUser } from '@plass/auth';
import { InstitutionException, type InstitutionErrorCode } from '../institution.exception';
import {
  effectiveAtOf,
  effectiveTime,
  parseEffectiveTime,
  requireNotAfter,
  requireNotBefore,
  type BackdatePolicy,
} from './effective-time';

const INSTITUTION = '0b7d4e2a-1c3f-4a5b-9c8d-7e6f5a4b3c2d';
const staff: AuthUser = {
  sub: 'staff',
  roles: ['institution-staff'],
  institutionIds: [INSTITUTION],
  districtCode: null,
};
const admin: AuthUser = { sub: 'admin', roles: ['admin'], institutionIds: [], districtCode: null };
const now = new Date('2026-11-23T12:00:00Z');
const asStaff: BackdatePolicy = { user: staff, windowDays: 7, now };
const asAdmin: BackdatePolicy = { user: admin, windowDays: 7, now };

/** The code and detail of the domain error `fn` throws. */
function refusal(fn: () => unknown): { code: InstitutionErrorCode; detail: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof InstitutionException) return { code: error.code, detail: error.detail };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('effective time', () => {
  it('reads a time with an offset as given, and one without as the wall clock in Oslo', () => {
    expect(parseEffectiveTime('admittedAt', '2026-11-23T02:30:00+01:00').toISOString()).toBe(
      '2026-11-23T01:30:00.000Z',
    );
    expect(parseEffectiveTime('admittedAt', '2026-11-23T02:30').toISOString()).toBe(
      '2026-11-23T01:30:00.000Z',
    );
    // Summer time: Oslo is two hours ahead of UTC.
    expect(parseEffectiveTime('admittedAt', '2026-07-01T02:30:15.250').toISOString()).toBe(
      '2026-07-01T00:30:15.250Z',
    );
  });

  it('is now, and not back-dated, when no time is given', () => {
    expect(effectiveTime('admittedAt', undefined, asStaff)).toEqual({ at: now, backdated: false });
    expect(effectiveAtOf(effectiveTime('admittedAt', undefined, asStaff))).toEqual({});
  });

  it('takes a time earlier than now as the effective time of the event', () => {
    const time = effectiveTime('admittedAt', '2026-11-23T02:30', asStaff);
    expect(time).toEqual({ at: new Date('2026-11-23T01:30:00Z'), backdated: true });
    expect(effectiveAtOf(time)).toEqual({ effectiveAt: '2026-11-23T01:30:00.000Z' });
  });

  it('refuses a time in the future, but takes a clock up to two minutes ahead as now', () => {
    expect(effectiveTime('admittedAt', '2026-11-23T12:02:00Z', asStaff)).toEqual({
      at: now,
      backdated: false,
    });
    expect(refusal(() => effectiveTime('admittedAt', '2026-11-23T12:02:01Z', asAdmin))).toEqual({
      code: 'INVALID_VALUE',
      detail: expect.stringMatching(/^admittedAt 2026-11-23T12:02:01Z is in the future/),
    });
  });

  it('lets institution staff go back at most the window, and admin without limit', () => {
    expect(effectiveTime('dischargedAt', '2026-11-16T12:00:00Z', asStaff).backdated).toBe(true);
    expect(refusal(() => effectiveTime('dischargedAt', '2026-11-16T11:59:59Z', asStaff))).toEqual({
      code: 'OUTSIDE_BACKDATE_WINDOW',
      detail: expect.stringMatching(/more than 7 days back \(earliest 2026-11-16T12:00:00.000Z\)/),
    });
    expect(effectiveTime('dischargedAt', '2020-01-01T00:00:00Z', asAdmin)).toEqual({
      at: new Date('2020-01-01T00:00:00Z'),
      backdated: true,
    });
    expect(
      refusal(() => effectiveTime('from', '2026-11-23T11:00:00Z', { ...asStaff, windowDays: 0 })).code,
    ).toBe('OUTSIDE_BACKDATE_WINDOW');
  });

  it('refuses a time before the opening, the admission or the start, and after the end', () => {
    const opened = new Date('2026-11-20T00:00:00Z');
    expect(() => requireNotBefore('admittedAt', opened, opened, 'the opening')).not.toThrow();
    expect(
      refusal(() =>
        requireNotBefore('admittedAt', new Date('2026-11-19T23:59:59Z'), opened, 'the opening of unit A'),
      ),
    ).toEqual({
      code: 'INVALID_VALUE',
      detail:
        'admittedAt 2026-11-19T23:59:59.000Z is before the opening of unit A (2026-11-20T00:00:00.000Z)',
    });
    expect(
      refusal(() => requireNotAfter('from', new Date('2026-11-21T00:00:00Z'), opened, 'the end')).detail,
    ).toMatch(/is after the end/);
  });
});
