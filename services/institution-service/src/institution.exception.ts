/** Domain errors of the institution service; only `institutionProblem` turns them into HTTP. */
export type InstitutionErrorCode =
  | 'INSTITUTION_NOT_FOUND'
  | 'UNIT_NOT_FOUND'
  | 'UNIT_CLOSED'
  | 'UNIT_NOT_EMPTY'
  | 'NO_AVAILABLE_PLACE'
  | 'STAY_NOT_FOUND'
  | 'STAY_ALREADY_DISCHARGED'
  | 'BLOCK_NOT_FOUND'
  | 'BLOCK_ALREADY_RELEASED'
  | 'TOO_MANY_BLOCKED'
  | 'CAPACITY_BELOW_BLOCKED'
  | 'RESERVATION_NOT_FOUND'
  | 'RESERVATION_NOT_ACTIVE'
  | 'RESERVATION_MISMATCH'
  | 'INVALID_VALUE'
  | 'IF_MATCH_REQUIRED'
  | 'SEQUENCE_MISMATCH'
  | 'WEAK_ETAG'
  | 'NOT_YOUR_INSTITUTION'
  | 'NOT_YOUR_DISTRICT'
  | 'NAME_TAKEN'
  | 'UNIT_NOT_CLOSED'
  | 'OUTSIDE_BACKDATE_WINDOW'
  | 'STAY_NOT_DISCHARGED'
  | 'BLOCK_NOT_RELEASED';

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
