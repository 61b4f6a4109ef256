/**
 * Request rate, errors and duration of the /api routes the gateway proxies (ADR 0140): the proxies answer
 * before Nest's routing, so the observability middleware never sees these requests. They go into the
 * same histogram (`plass_http_request_duration_seconds{method, route, status}`) with a bounded route
 * label: the path's segments that are words of the API, every other segment (an id, a code) as `:id`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpRequestDuration } from '@plass/observability';

/** The fixed words of the services' routes; any other segment is a value and becomes `:id`. */
const ROUTE_WORDS = new Set([
  'api',
  'institutions',
  'units',
  'admissions',
  'discharges',
  'blocks',
  'reservations',
  'capacity',
  'census',
  'close',
  'features',
  'import',
  'stays',
  'snapshot',
  'housing',
  'needs',
  'status',
  'summary',
  'alerts',
  'ack',
  'history',
  'reports',
  'utilization',
  'demand',
  'forecast',
  'indicators',
  'intake',
  'referrals',
  'matches',
  'offers',
  'answer',
  'withdraw',
  'purchases',
  'end',
  'financing',
  'notifications',
  'webhooks',
  'email',
  'docs',
  'openapi.json',
  'asyncapi.json',
]);

/** Segments beyond this are folded into one `…`: no route of the API is that deep. */
const MAX_SEGMENTS = 7;
/** Distinct route labels one process records; later new ones count as `<prefix>/other`. */
const MAX_ROUTES = 200;

export function routeLabel(url: string, prefix: string, seen: Set<string>): string {
  const segments = (url.split('?')[0] ?? '').split('/').filter((s) => s !== '');
  const kept = segments.slice(0, MAX_SEGMENTS).map((s) => (ROUTE_WORDS.has(s) ? s : ':id'));
  const label = `/${kept.join('/')}${segments.length > MAX_SEGMENTS ? '/…' : ''}`;
  if (seen.has(label)) return label;
  if (seen.size >= MAX_ROUTES) return `${prefix}/other`;
  seen.add(label);
  return label;
}

/** Express-style middleware, mounted before the security checks and the proxies, so it counts their refusals too. */
export function proxyMetrics(prefixes: string[]) {
  const duration = httpRequestDuration();
  const seen = new Set<string>();
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const url = request.url ?? '/';
    const path = url.split('?')[0];
    const prefix = prefixes.find((p) => path === p || path.startsWith(`${p}/`));
    if (prefix !== undefined) {
      const stop = duration.startTimer();
      response.once('finish', () => {
        stop({
          method: request.method ?? 'GET',
          route: routeLabel(url, prefix, seen),
          status: String(response.statusCode),
        });
      });
    }
    next();
  };
}
