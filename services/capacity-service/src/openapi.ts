/** What the capacity service's OpenAPI document is called and where it is served. */
import type { OpenApiOptions } from '@plass/observability';

export const CAPACITY_OPEN_API: OpenApiOptions = {
  path: 'api/capacity/docs',
  title: 'Plassoversikt capacity service',
  description: 'Live occupancy per unit, institution, category, district and city.',
};
