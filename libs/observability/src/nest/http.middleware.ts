/** Per-request middleware: the correlation id header on every response, and the request duration histogram. */
import { Injectable } from '@nestjs/common';
import type { NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CORRELATION_ID_HEADER, correlationIdOf } from '../correlation-id';
import { httpRequestDuration } from '../metrics';
import { bodyParserProblem } from '../problem-details';

@Injectable()
export class CorrelationIdMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    response.setHeader(CORRELATION_ID_HEADER, correlationIdOf(request));
    next();
  }
}

/** The matched route pattern (`/units/:unitId`), never the raw URL, which would explode the label's values. */
function routeOf(request: Request): string {
  const route: unknown = request.route;
  if (typeof route === 'object' && route !== null && 'path' in route && typeof route.path === 'string') {
    return `${request.baseUrl}${route.path}`;
  }
  return 'unmatched';
}

@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly duration = httpRequestDuration();

  use(request: Request, response: Response, next: NextFunction): void {
    const stop = this.duration.startTimer();
    // Express sets request.route once a route matches, so it is known when the response is done.
    response.once('finish', () => {
      stop({ method: request.method, route: routeOf(request), status: String(response.statusCode) });
    });
    next();
  }
}

/**
 * Nest turns a body-parser SyntaxError into a bare BadRequestException before any filter sees it;
 * this error middleware, mounted ahead of Nest's handler, hands the filter a clear problem instead.
 */
export function bodyParserErrorMiddleware(
  error: unknown,
  _request: Request,
  _response: Response,
  next: NextFunction,
): void {
  next(bodyParserProblem(error) ?? error);
}
