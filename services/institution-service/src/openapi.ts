/** What the institution service's OpenAPI document is called and where it is served. */
import type { OpenApiOptions } from '@plass/observability';

export const INSTITUTION_OPEN_API: OpenApiOptions = {
  path: 'api/institutions/docs',
  title: 'Plassoversikt institution service',
  description: 'Registry of institutions and units, and every occupancy operation.',
};
