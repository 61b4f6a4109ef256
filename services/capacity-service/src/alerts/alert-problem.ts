/** The edge: turns the alerts' domain errors into problem details, one status per code. */
import type { HttpException } from '@nestjs/common';
import { problem } from '@plass/observability';
import { AlertException, type AlertErrorCode } from './alert.exception';

function statusAndTitle(code: AlertErrorCode): [number, string] {
  switch (code) {
    case 'ALERT_NOT_FOUND':
      return [404, 'Alert not found'];
    case 'ALERT_RESOLVED':
      return [409, 'Alert already resolved'];
    case 'NOT_ALLOWED_TO_ACKNOWLEDGE':
      return [403, 'Not allowed to acknowledge this alert'];
  }
}

export function alertProblem(error: unknown): HttpException | undefined {
  if (!(error instanceof AlertException)) return undefined;
  const [status, title] = statusAndTitle(error.code);
  return problem(status, title, error.detail, { code: error.code, ...error.extra });
}
