import { HOUSING_STATUSES, type HousingStatus } from '@plass/domain';
import { HousingException } from '../housing.exception';
import {
  applyStatusChange,
  checkStatusRequest,
  STATUS_TRANSITIONS,
  type HousingStatusState,
  type StatusChangeRequest,
} from './status-transition';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const inDays = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

function state(status: HousingStatus): HousingStatusState {
  return {
    status,
    reason: status === 'unavailable' ? 'renovation' : null,
    reservedUntil: status === 'reserved' ? inDays(3) : null,
  };
}

function request(status: HousingStatus): StatusChangeRequest {
  if (status === 'unavailable') return { status, reason: 'damage' };
  if (status === 'reserved') return { status, reservedUntil: inDays(7) };
  return { status };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof HousingException ? error.code : 'not a HousingException';
  }
}

describe('applyStatusChange', () => {
  const pairs = HOUSING_STATUSES.flatMap((from) => HOUSING_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('from %s to %s follows the transition table', (from, to) => {
    const code = codeOf(() => applyStatusChange(state(from), request(to)));
    if (from === to) expect(code).toBe('STATUS_UNCHANGED');
    else if (STATUS_TRANSITIONS[from].includes(to)) expect(code).toBeUndefined();
    else expect(code).toBe('STATUS_TRANSITION_NOT_ALLOWED');
  });

  it('never lets an occupied dwelling be occupied again', () => {
    expect(() => applyStatusChange(state('occupied'), { status: 'occupied' })).toThrow(/already occupied/);
  });

  it('keeps the reason only while unavailable and the end date only while reserved', () => {
    expect(applyStatusChange(state('vacant'), request('unavailable'))).toEqual({
      status: 'unavailable',
      reason: 'damage',
      reservedUntil: null,
    });
    expect(applyStatusChange(state('unavailable'), { status: 'vacant' })).toEqual({
      status: 'vacant',
      reason: null,
      reservedUntil: null,
    });
    expect(applyStatusChange(state('reserved'), { status: 'occupied' })).toEqual({
      status: 'occupied',
      reason: null,
      reservedUntil: null,
    });
  });

  it('tells which statuses are allowed when it refuses', () => {
    try {
      applyStatusChange(state('unavailable'), request('occupied'));
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(HousingException);
      expect((error as HousingException).extra).toEqual({
        from: 'unavailable',
        to: 'occupied',
        allowed: ['vacant'],
      });
      expect((error as HousingException).detail).toMatch(/must be set vacant when it is ready/);
    }
  });
});

describe('checkStatusRequest', () => {
  it('accepts what each status needs', () => {
    for (const status of HOUSING_STATUSES)
      expect(() => checkStatusRequest(request(status), NOW)).not.toThrow();
  });

  it.each([
    [{ status: 'unavailable' }, /reason is required/],
    [{ status: 'occupied', reason: 'damage' }, /reason applies only when status is unavailable/],
    [{ status: 'reserved' }, /reservedUntil is required/],
    [{ status: 'vacant', reservedUntil: inDays(1) }, /reservedUntil applies only when status is reserved/],
    [{ status: 'reserved', reservedUntil: NOW }, /must be in the future/],
    [{ status: 'reserved', reservedUntil: new Date(inDays(30).getTime() + 1) }, /at most 30 days/],
  ] as [StatusChangeRequest, RegExp][])('refuses %o', (change, message) => {
    expect(() => checkStatusRequest(change, NOW)).toThrow(message);
    expect(codeOf(() => checkStatusRequest(change, NOW))).toBe('STATUS_REQUEST_INVALID');
  });

  it('accepts a reservation of exactly 30 days', () => {
    expect(() => checkStatusRequest({ status: 'reserved', reservedUntil: inDays(30) }, NOW)).not.toThrow();
  });
});
