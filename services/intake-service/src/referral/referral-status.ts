/**
 * The rules of a referral's status (ARCHITECTURE §10): `waiting` → `offered` → (`waiting` again on a
 * decline or an expired offer) → `placed`; `withdrawn` from `waiting` or `offered`; `placed` and
 * `withdrawn` are final. Pure functions; the service applies them under the referral's row lock.
 */
import type { ReferralStatus, ReferralWithdrawalReason } from '@plass/domain';
import { IntakeException } from '../intake.exception';

export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  waiting: ['offered', 'withdrawn'],
  offered: ['waiting', 'placed', 'withdrawn'],
  placed: [],
  withdrawn: [],
};

export interface ReferralStatusState {
  status: ReferralStatus;
  withdrawalReason: ReferralWithdrawalReason | null;
  updatedAt: Date;
}

function closedDetail(current: ReferralStatusState): string {
  const since = current.updatedAt.toISOString();
  return current.status === 'placed'
    ? `the referral was placed (${since}) and is closed; a placement ends with a discharge at the institution`
    : `the referral was already withdrawn (${current.withdrawalReason ?? 'no reason'}) at ${since} and is ` +
        'closed; register a new referral if a place is needed again';
}

/** Throws unless the referral may go from its status to `to`: 409 REFERRAL_CLOSED once it is final. */
export function assertTransition(current: ReferralStatusState, to: ReferralStatus): void {
  const allowed = REFERRAL_TRANSITIONS[current.status];
  if (allowed.length === 0) {
    throw new IntakeException('REFERRAL_CLOSED', closedDetail(current), { status: current.status });
  }
  if (!allowed.includes(to)) {
    throw new IntakeException(
      'REFERRAL_TRANSITION_NOT_ALLOWED',
      `a ${current.status} referral cannot become ${to} (allowed: ${allowed.join(', ')})`,
      { from: current.status, to, allowed },
    );
  }
}

/** The referral's status after a withdrawal (trekking). */
export function withdrawn(
  current: ReferralStatusState,
  reason: ReferralWithdrawalReason,
  now: Date,
): ReferralStatusState {
  assertTransition(current, 'withdrawn');
  return { status: 'withdrawn', withdrawalReason: reason, updatedAt: now };
}
