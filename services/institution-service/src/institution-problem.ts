/** The edge: turns the institution service's domain errors into problem details, one status per code. */
import type { HttpException } from '@nestjs/common';
import { problem } from '@plass/observability';
import { InstitutionException, type InstitutionErrorCode } from './institution.exception';

function statusAndTitle(code: InstitutionErrorCode): [number, string] {
  switch (code) {
    case 'INSTITUTION_NOT_FOUND':
      return [404, 'Institution not found'];
    case 'UNIT_NOT_FOUND':
      return [404, 'Unit not found'];
    case 'STAY_NOT_FOUND':
      return [409, 'Stay not found in this unit'];
    case 'STAY_ALREADY_DISCHARGED':
      return [409, 'Stay already discharged'];
    case 'UNIT_CLOSED':
      return [409, 'Unit is closed'];
    case 'NO_AVAILABLE_PLACE':
      return [409, 'No available place'];
    case 'NOT_YOUR_INSTITUTION':
      return [403, 'Not your institution'];
    case 'IDEMPOTENCY_KEY_REUSED':
      return [422, 'Idempotency-Key reused'];
  }
}

export function institutionProblem(error: unknown): HttpException | undefined {
  if (!(error instanceof InstitutionException)) return undefined;
  const [status, title] = statusAndTitle(error.code);
  return problem(status, title, error.detail, { code: error.code, ...error.extra });
}
