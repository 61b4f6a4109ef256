/** The edge: turns the housing service's domain errors into problem details, one status per code. */
import type { HttpException } from '@nestjs/common';
import { problem } from '@plass/observability';
import { HousingException, type HousingErrorCode } from './housing.exception';

function statusAndTitle(code: HousingErrorCode): [number, string] {
  switch (code) {
    case 'HOUSING_UNIT_NOT_FOUND':
      return [404, 'Housing unit not found'];
    case 'NOT_YOUR_DISTRICT':
      return [403, 'Not your district'];
    case 'LABEL_TAKEN':
      return [409, 'Label already in use'];
    case 'STATUS_REQUEST_INVALID':
      return [400, 'Invalid status change'];
    case 'STATUS_UNCHANGED':
      return [409, 'Status unchanged'];
    case 'STATUS_TRANSITION_NOT_ALLOWED':
      return [409, 'Status change not allowed'];
  }
}

export function housingProblem(error: unknown): HttpException | undefined {
  if (!(error instanceof HousingException)) return undefined;
  const [status, title] = statusAndTitle(error.code);
  return problem(status, title, error.detail, { code: error.code, ...error.extra });
}
