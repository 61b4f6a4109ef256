/**
 * Refuses a request whose declared body is larger than the limit, before it is streamed on to a service.
 * A chunked body (no Content-Length) goes on and meets the services' own parser limit of the same size.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendProblem } from './problem-response';

export function bodySizeLimit(maxBytes: number): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
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
