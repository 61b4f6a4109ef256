import { REFERRAL_STATUSES, type ReferralStatus } from '@plass/domain';
import { IntakeException } from '../intake.exception';
import {
  assertTransition,
  REFERRAL_TRANSITIONS,
  withdrawn,
  type ReferralStatusState,
} from './referral-status';

const since = new Date('2026-11-20T12:00:00.000Z');
const now = new Date('2026-11-23T09:30:00.000Z');

function state(status: ReferralStatus): ReferralStatusState {
  return { status, withdrawalReason: status === 'withdrawn' ? 'no-longer-needed' : null, updatedAt: since };
}

function refusal(run: () => unknown): IntakeException {
  try {
    run();
  } catch (error) {
    if (error instanceof IntakeException) return error;
    throw error;
  }
  throw new Error('expected an IntakeException');
}

describe(withdrawn.name, () => {
  it.each(['waiting', 'offered'] as const)('withdraws a %s referral with its reason', (status) => {
    expect(withdrawn(state(status), 'placed-elsewhere', now)).toEqual({
      status: 'withdrawn',
      withdrawalReason: 'placed-elsewhere',
      updatedAt: now,
    });
  });

  it('refuses to withdraw a withdrawn referral again, saying when and why it was', () => {
    const error = refusal(() => withdrawn(state('withdrawn'), 'other', now));
    expect(error.code).toBe('REFERRAL_CLOSED');
    expect(error.extra).toEqual({ status: 'withdrawn' });
    expect(error.detail).toMatch(/already withdrawn \(no-longer-needed\) at 2026-11-20T12:00:00.000Z/);
  });

  it('refuses to withdraw a placed referral', () => {
    const error = refusal(() => withdrawn(state('placed'), 'no-longer-needed', now));
    expect(error.code).toBe('REFERRAL_CLOSED');
    expect(error.detail).toMatch(/was placed/);
  });
});

describe(assertTransition.name, () => {
  const pairs = REFERRAL_STATUSES.flatMap((from) => REFERRAL_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('decides %s → %s by the table, final statuses closed', (from, to) => {
    const final = REFERRAL_TRANSITIONS[from].length === 0;
    const allowed = REFERRAL_TRANSITIONS[from].includes(to);
    if (allowed) {
      expect(() => assertTransition(state(from), to)).not.toThrow();
      return;
    }
    expect(refusal(() => assertTransition(state(from), to)).code).toBe(
      final ? 'REFERRAL_CLOSED' : 'REFERRAL_TRANSITION_NOT_ALLOWED',
    );
  });

  it('follows ARCHITECTURE §10: back to waiting only from an offer, placed only from an offer', () => {
    expect(REFERRAL_TRANSITIONS).toEqual({
      waiting: ['offered', 'withdrawn'],
      offered: ['waiting', 'placed', 'withdrawn'],
      placed: [],
      withdrawn: [],
    });
  });
});
