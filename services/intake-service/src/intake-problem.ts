/** The edge: turns the intake service's domain errors into problem details, one status per code. */
import type { HttpException } from '@nestjs/common';
import { problem } from '@plass/observability';
import { IntakeException, type IntakeErrorCode } from './intake.exception';

function statusAndTitle(code: IntakeErrorCode): [number, string] {
  switch (code) {
    case 'REFERRAL_NOT_FOUND':
      return [404, 'Referral not found'];
    case 'NOT_YOUR_DISTRICT':
      return [403, 'Not your district'];
    case 'REFERRAL_CLOSED':
      return [409, 'Referral closed'];
    case 'REFERRAL_TRANSITION_NOT_ALLOWED':
      return [409, 'Referral change not allowed'];
  }
}

export function intakeProblem(error: unknown): HttpException | undefined {
  if (!(error instanceof IntakeException)) return undefined;
  const [status, title] = statusAndTitle(error.code);
  return problem(status, title, error.detail, { code: error.code, ...error.extra });
}
