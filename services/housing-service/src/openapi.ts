/** What the housing service's OpenAPI document is called and where it is served. */
import type { OpenApiOptions } from '@plass/observability';

export const HOUSING_OPEN_API: OpenApiOptions = {
  path: 'api/housing/docs',
  title: 'Plassoversikt housing service',
  description:
    'Supported housing (boliger) per district with their status, and the housing need each district has registered.',
};
