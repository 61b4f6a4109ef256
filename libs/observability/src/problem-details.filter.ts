/** Answers every HTTP error as RFC 9457 `application/problem+json` with a correlation id. */
import { Catch, HttpException, Inject, Optional } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { CORRELATION_ID_HEADER, correlationIdOf } from './correlation-id';
import { LOGGER } from './nest/tokens';
import {
  PROBLEM_CONTENT_TYPE,
  bodyParserProblem,
  problemDetailsOf,
  unexpectedProblem,
} from './problem-details';
import type { ProblemTranslator } from './problem-details';

export interface ProblemDetailsFilterOptions {
  /** Turns a service's domain errors into problems (the one place a service maps its error codes). */
  translateError?: ProblemTranslator;
}

/**
 * Headers an exception asks to be sent with its problem (`problemHeaders`, e.g. libs/auth's
 * `WWW-Authenticate` challenge); only string values are taken.
 */
function problemHeadersOf(exception: HttpException | undefined): Record<string, string> {
  if (!exception || !('problemHeaders' in exception)) return {};
  const headers: unknown = exception.problemHeaders;
  if (typeof headers !== 'object' || headers === null) return {};
  return Object.fromEntries(
    Object.entries(headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() private readonly options: ProblemDetailsFilterOptions = {},
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    // Sockets and message handlers have their own error channels; this filter speaks HTTP only.
    if (host.getType() !== 'http') {
      throw exception instanceof Error ? exception : new Error(String(exception));
    }
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const correlationId = correlationIdOf(request);
    const path = request.originalUrl.split('?')[0];
    const known = this.knownProblem(exception, correlationId);
    const problem = known ? problemDetailsOf(known) : unexpectedProblem();
    if (problem.status >= 500) {
      const message = known ? 'request failed' : 'unexpected error';
      this.logger.error({ err: exception, correlationId, method: request.method, path }, message);
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    for (const [name, value] of Object.entries(problemHeadersOf(known))) response.setHeader(name, value);
    // RFC 9110 §15.5.2: a 401 carries a challenge. The API takes bearer tokens (RFC 6750 §3); the auth
    // guard's own 401s say why the token was refused, any other 401 gets the bare scheme.
    if (problem.status === 401 && !response.hasHeader('WWW-Authenticate')) {
      response.setHeader('WWW-Authenticate', 'Bearer');
    }
    response
      .status(problem.status)
      .setHeader(CORRELATION_ID_HEADER, correlationId)
      .setHeader('content-type', PROBLEM_CONTENT_TYPE)
      .json({ ...problem, instance: problem.instance ?? path, correlationId });
  }

  private knownProblem(exception: unknown, correlationId: string): HttpException | undefined {
    if (exception instanceof HttpException) return exception;
    try {
      return this.options.translateError?.(exception) ?? bodyParserProblem(exception);
    } catch (error) {
      // A broken translator must not escape the filter: express would answer with its HTML page.
      this.logger.error({ err: error, correlationId }, 'translateError threw');
      return undefined;
    }
  }
}
