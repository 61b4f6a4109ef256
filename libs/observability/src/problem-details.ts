/** RFC 9457 problem details: the helper services throw, and the translation of errors into bodies. */
import { HttpException } from '@nestjs/common';
import type { ProblemDetails } from '@plass/contracts';
import { STATUS_CODES } from 'node:http';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const UNEXPECTED_ERROR_DETAIL =
  'an unexpected error occurred; quote the correlation id when reporting it';

/** `about:blank`, or `urn:plassoversikt:problem:no-available-place` for the code `NO_AVAILABLE_PLACE`. */
export function problemType(code?: string): string {
  return code ? `urn:plassoversikt:problem:${code.toLowerCase().replace(/_/g, '-')}` : 'about:blank';
}

function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/**
 * A domain problem to throw from a service: `throw problem(409, 'No available place',
 * 'unit 3f1c… has no free place', { code: 'NO_AVAILABLE_PLACE' })`.
 */
export function problem(
  status: number,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
): HttpException {
  const code = typeof extra.code === 'string' ? extra.code : undefined;
  const body: ProblemDetails = { type: problemType(code), ...extra, title, status, detail };
  return new HttpException(body, status);
}

/**
 * A service's translation of its domain errors (an exhaustive switch over their codes) into
 * `problem(...)`; undefined leaves the error to the filter, which answers 500.
 */
export type ProblemTranslator = (error: unknown) => HttpException | undefined;

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

// Nest's own response shape ({ statusCode, message, error }) and what the filter sets itself.
const NEST_FIELDS = new Set(['statusCode', 'message', 'error', 'status', 'correlationId']);

/** The problem details of an HttpException, keeping any problem fields and extensions it already has. */
export function problemDetailsOf(exception: HttpException): ProblemDetails {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const body: object = typeof response === 'object' ? response : {};
  const fields = Object.fromEntries(Object.entries(body).filter(([key]) => !NEST_FIELDS.has(key)));
  const message: unknown = 'message' in body ? body.message : undefined;
  // ContractValidationPipe answers with one message per zod issue.
  const messages = Array.isArray(message)
    ? message.filter((m): m is string => typeof m === 'string')
    : undefined;
  const error: unknown = 'error' in body ? body.error : undefined;
  return {
    ...fields,
    ...(messages && fields.errors === undefined ? { errors: messages } : {}),
    type: text(fields.type) ?? problemType(text(fields.code)),
    title: text(fields.title) ?? text(error) ?? reasonPhrase(status),
    status,
    detail:
      text(fields.detail) ?? messages?.join('; ') ?? text(message) ?? text(response) ?? exception.message,
  };
}

/** The generic answer to an error nobody anticipated: no message, no stack, only the correlation id. */
export function unexpectedProblem(): ProblemDetails {
  return { type: 'about:blank', title: reasonPhrase(500), status: 500, detail: UNEXPECTED_ERROR_DETAIL };
}

/**
 * Express's body parsers fail with http-errors carrying `type` and `status`; these become
 * problems with a clear detail. Anything else is not a body-parser error: undefined.
 */
export function bodyParserProblem(error: unknown): HttpException | undefined {
  if (!(error instanceof Error) || !('type' in error) || typeof error.type !== 'string') return undefined;
  if (!('status' in error) || typeof error.status !== 'number' || error.status < 400 || error.status > 499) {
    return undefined;
  }
  switch (error.type) {
    case 'entity.parse.failed':
      return problem(400, reasonPhrase(400), 'the request body is not valid JSON');
    case 'entity.too.large': {
      const limit = 'limit' in error && typeof error.limit === 'number' ? ` of ${error.limit} bytes` : '';
      return problem(413, reasonPhrase(413), `the request body is larger than the limit${limit}`);
    }
    default:
      // body-parser's other 4xx messages are written for clients (unsupported charset, too many parameters).
      return problem(error.status, reasonPhrase(error.status), error.message);
  }
}
