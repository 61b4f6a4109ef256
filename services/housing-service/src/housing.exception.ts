/** Domain errors of the housing service; only housingProblem turns them into HTTP. */
export const HOUSING_ERROR_CODES = [
  'HOUSING_UNIT_NOT_FOUND',
  'NOT_YOUR_DISTRICT',
  'LABEL_TAKEN',
  'STATUS_REQUEST_INVALID',
  'STATUS_UNCHANGED',
  'STATUS_TRANSITION_NOT_ALLOWED',
] as const;
export type HousingErrorCode = (typeof HOUSING_ERROR_CODES)[number];

export class HousingException extends Error {
  constructor(
    readonly code: HousingErrorCode,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'HousingException';
  }
}
