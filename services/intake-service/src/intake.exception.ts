/** Domain errors of the intake service; only intakeProblem turns them into HTTP. */
export type IntakeErrorCode =
  | 'REFERRAL_NOT_FOUND'
  | 'NOT_YOUR_DISTRICT'
  | 'NOT_INTAKE'
  | 'REFERRAL_CLOSED'
  | 'REFERRAL_TRANSITION_NOT_ALLOWED'
  | 'REFERRAL_NOT_WAITING'
  | 'UNIT_NOT_FOUND'
  | 'UNIT_DOES_NOT_FIT'
  | 'NO_FREE_PLACE'
  | 'INVALID_EXPIRY'
  | 'OFFER_NOT_FOUND'
  | 'OFFER_NOT_OPEN'
  | 'PURCHASE_NOT_FOUND'
  | 'PURCHASE_ALREADY_ENDED'
  | 'INVALID_PURCHASE_END';

export class IntakeException extends Error {
  constructor(
    readonly code: IntakeErrorCode,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'IntakeException';
  }
}
