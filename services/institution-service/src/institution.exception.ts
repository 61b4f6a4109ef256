/** Domain errors of the institution service; only InstitutionExceptionFilter turns them into HTTP. */
export type InstitutionErrorCode =
  | 'INSTITUTION_NOT_FOUND'
  | 'UNIT_NOT_FOUND'
  | 'UNIT_CLOSED'
  | 'NO_AVAILABLE_PLACE'
  | 'STAY_NOT_FOUND'
  | 'STAY_ALREADY_DISCHARGED'
  | 'NOT_YOUR_INSTITUTION'
  | 'IDEMPOTENCY_KEY_REUSED';

export class InstitutionException extends Error {
  constructor(
    readonly code: InstitutionErrorCode,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'InstitutionException';
  }
}
