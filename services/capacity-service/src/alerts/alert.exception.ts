/** Domain errors of the alerts; only `alertProblem` turns them into HTTP. */
export type AlertErrorCode = 'ALERT_NOT_FOUND' | 'ALERT_RESOLVED' | 'NOT_ALLOWED_TO_ACKNOWLEDGE';

export class AlertException extends Error {
  constructor(
    readonly code: AlertErrorCode,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'AlertException';
  }
}
