/** The edge: turns the institution service's domain errors into problem details, one status per code. */
import type { HttpException } from '@nestjs/common';
import { problem } from '@plass/observability';
import { InstitutionException, type InstitutionErrorCode } from './institution.exception';

export function statusAndTitle(code: InstitutionErrorCode): [number, string] {
  switch (code) {
    case 'INSTITUTION_NOT_FOUND':
      return [404, 'Institution not found'];
    case 'UNIT_NOT_FOUND':
      return [404, 'Unit not found'];
    case 'BLOCK_NOT_FOUND':
      return [404, 'Block not found'];
    case 'RESERVATION_NOT_FOUND':
      return [404, 'Reservation not found'];
    case 'STAY_NOT_FOUND':
      return [409, 'Stay not found in this unit'];
    case 'STAY_ALREADY_DISCHARGED':
      return [409, 'Stay already discharged'];
    case 'UNIT_CLOSED':
      return [409, 'Unit is closed'];
    case 'UNIT_NOT_EMPTY':
      return [409, 'Unit still has residents'];
    case 'NO_AVAILABLE_PLACE':
      return [409, 'No available place'];
    case 'BLOCK_ALREADY_RELEASED':
      return [409, 'Block already released'];
    case 'TOO_MANY_BLOCKED':
      return [409, 'More places blocked than the unit has'];
    case 'CAPACITY_BELOW_BLOCKED':
      return [409, 'Capacity below blocked places'];
    case 'RESERVATION_NOT_ACTIVE':
      return [409, 'Reservation no longer active'];
    case 'RESERVATION_MISMATCH':
      return [409, 'Reservation does not match'];
    case 'INVALID_VALUE':
      return [400, 'Invalid value'];
    case 'IF_MATCH_REQUIRED':
      return [428, 'If-Match required'];
    case 'SEQUENCE_MISMATCH':
      return [412, 'Unit changed since you read it'];
    case 'WEAK_ETAG':
      return [412, 'A weak ETag never matches If-Match'];
    case 'NOT_YOUR_INSTITUTION':
      return [403, 'Not your institution'];
    case 'NOT_YOUR_DISTRICT':
      return [403, 'Not your district'];
    case 'NAME_TAKEN':
      return [409, 'Name already in use'];
    case 'UNIT_NOT_CLOSED':
      return [409, 'Unit is not closed'];
    case 'OUTSIDE_BACKDATE_WINDOW':
      return [403, 'Outside the back-dating window'];
    case 'STAY_NOT_DISCHARGED':
      return [409, 'Stay not discharged'];
    case 'BLOCK_NOT_RELEASED':
      return [409, 'Block not released'];
  }
}

export function institutionProblem(error: unknown): HttpException | undefined {
  if (!(error instanceof InstitutionException)) return undefined;
  const [status, title] = statusAndTitle(error.code);
  return problem(status, title, error.detail, { code: error.code, ...error.extra });
}
