/** The gateway's own OpenAPI document: the routes it answers itself under /api (docs/decisions/0152). */
import type { OpenApiOptions } from '@plass/observability';

export const GATEWAY_OPEN_API: OpenApiOptions = {
  path: 'api/gateway/docs',
  title: 'Plassoversikt gateway',
  description:
    'The routes the gateway answers itself: how the dashboard signs in (/api/auth/config), development ' +
    'sign-in (never in production), the AsyncAPI document of every Kafka topic (its page for people: ' +
    '/api/asyncapi) and the audit trail merged from the services (/api/audit). ' +
    'Every other /api route goes on to the service that owns ' +
    'it, documented at /api/institutions/docs, /api/housing/docs and /api/capacity/docs. On the way the ' +
    'gateway may answer a proxied route itself: 413 `urn:plassoversikt:problem:body-too-large` for a body ' +
    'over its limit, 429 `urn:plassoversikt:problem:rate-limited` for too many writes, and 502 ' +
    '`urn:plassoversikt:problem:upstream-unavailable` when the service does not answer.',
};
