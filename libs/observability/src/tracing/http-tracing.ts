/**
 * One server span per HTTP request: a request with a valid `traceparent` continues that trace, any other
 * starts a new one. The span's headers stay with the request (`requestTrace`), from where a write hands
 * them to its transaction and outbox rows (ADR 0155). With `forward` (the gateway), the request's trace
 * headers are replaced by the span's, so the service the request is proxied to continues the trace as the
 * gateway span's child.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';
import {
  contextOf,
  TRACEPARENT_HEADER,
  traceHeaders,
  TRACESTATE_HEADER,
  tracer,
  type TraceCarrier,
} from './trace-context';

export interface TraceRequestsOptions {
  /** Replace the request's `traceparent`/`tracestate` with the server span's (for a proxy). */
  forward?: boolean;
}

/** Each traced request's server span, as headers. */
const traced = new WeakMap<object, TraceCarrier>();

/** The headers of the request's server span (empty for a request `traceRequests` did not see). */
export function requestTrace(request: object): TraceCarrier {
  return traced.get(request) ?? {};
}

/** A header's one value; a repeated `traceparent` is invalid (W3C), so it counts as none. */
function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The matched route pattern (`/units/:unitId`) once express knows it; undefined for a proxied request. */
function routeOf(request: IncomingMessage): string | undefined {
  const { route, baseUrl } = request as IncomingMessage & { route?: { path?: unknown }; baseUrl?: string };
  return typeof route?.path === 'string' ? `${baseUrl ?? ''}${route.path}` : undefined;
}

/** Express-style middleware (`app.use(traceRequests())`): the request's server span, active for the rest of it. */
export function traceRequests(options: TraceRequestsOptions = {}) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    if (traced.has(request)) return next();
    const method = request.method ?? 'GET';
    const parent = contextOf({
      traceparent: single(request.headers[TRACEPARENT_HEADER]),
      tracestate: single(request.headers[TRACESTATE_HEADER]),
    });
    const span = tracer.startSpan(
      method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          [ATTR_HTTP_REQUEST_METHOD]: method,
          [ATTR_URL_PATH]: (request.url ?? '/').split('?')[0],
        },
      },
      parent,
    );
    const headers = traceHeaders(trace.setSpan(parent, span));
    traced.set(request, headers);
    if (options.forward) {
      delete request.headers[TRACESTATE_HEADER];
      Object.assign(request.headers, headers);
    }
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const route = routeOf(request);
      if (route) {
        span.updateName(`${method} ${route}`);
        span.setAttribute(ATTR_HTTP_ROUTE, route);
      }
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.statusCode);
      if (response.statusCode >= 500 || !response.writableFinished) {
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    };
    response.once('finish', end);
    response.once('close', end);
    next();
  };
}
