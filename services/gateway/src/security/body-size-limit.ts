/**
 * Refuses a request whose declared body is larger than the limit, before it is streamed on to a service.
 * A chunked body (no Content-Length) goes on and meets the services' own parser limit of the same size.
 * A few routes take larger bodies (the history import's CSV files, ADR 0219): each names its own limit.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendProblem } from './problem-response';

export interface LargerBodyRoute {
  method: string;
  /** The exact path, without query. */
  path: string;
  maxBytes: number;
}

export function bodySizeLimit(
  defaultMaxBytes: number,
  larger: readonly LargerBodyRoute[] = [],
): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const path = (request.originalUrl ?? request.url).split('?')[0];
    const route = larger.find((r) => r.method === request.method && r.path === path);
    const maxBytes = route?.maxBytes ?? defaultMaxBytes;
    const declared = Number(request.headers['content-length'] ?? 0);
    // Node itself refuses a Content-Length that is not a number.
    if (!(declared > maxBytes)) {
      next();
      return;
    }
    sendProblem(
      request,
      response,
      413,
      `the request body is ${declared} bytes, larger than the limit of ${maxBytes} bytes`,
      'BODY_TOO_LARGE',
    );
  };
}
