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
    case 'NOT_INTAKE':
      return [403, 'Only intake'];
    case 'REFERRAL_NOT_WAITING':
      return [409, 'Referral not waiting'];
    case 'UNIT_NOT_FOUND':
      return [404, 'Unit not found'];
    case 'UNIT_DOES_NOT_FIT':
      return [422, 'Unit does not fit the referral'];
    case 'NO_FREE_PLACE':
      return [409, 'No free place'];
    case 'INVALID_EXPIRY':
      return [422, 'Invalid expiry'];
    case 'OFFER_NOT_FOUND':
      return [404, 'Offer not found'];
    case 'OFFER_NOT_OPEN':
      return [409, 'Offer not open'];
    case 'PURCHASE_NOT_FOUND':
      return [404, 'Purchase not found'];
    case 'PURCHASE_ALREADY_ENDED':
      return [409, 'Purchase already ended'];
    case 'INVALID_PURCHASE_END':
      return [422, 'Invalid purchase end'];
  }
}

export function intakeProblem(error: unknown): HttpException | undefined {
  if (!(error instanceof IntakeException)) return undefined;
  const [status, title] = statusAndTitle(error.code);
  return problem(status, title, error.detail, { code: error.code, ...error.extra });
}
