/** Domain errors of the intake service; only intakeProblem turns them into HTTP. */
export type IntakeErrorCode =
  'REFERRAL_NOT_FOUND' | 'NOT_YOUR_DISTRICT' | 'REFERRAL_CLOSED' | 'REFERRAL_TRANSITION_NOT_ALLOWED';

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
