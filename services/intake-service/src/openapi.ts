/** What the intake service's OpenAPI document is called and where it is served. */
import type { OpenApiOptions } from '@plass/observability';

export const INTAKE_OPEN_API: OpenApiOptions = {
  path: 'api/intake/docs',
  title: 'Plassoversikt intake service',
  description:
    'Felles inntak: referrals (henvisninger) from the districts and the city-wide waiting list. ' +
    'A referral is a need, not a person: codes, dates and ids only.',
};
