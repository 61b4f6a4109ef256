/**
 * Fetch with the bearer token; problem details (RFC 9457) become an `ApiError` the pages can explain in
 * Norwegian. Routes of the contract (`@plass/contracts/rest`) are called with `call(route, input)`, which
 * builds the request from the route and parses the answer with its schema.
 */
import {
  ContractProblem,
  contractRequest,
  readContractResponse,
  ResponseContractViolation,
  type ContractRequest,
  type ProblemDetails,
  type RouteContract,
  type RouteInput,
  type RouteResponse,
} from '@plass/contracts/rest';

/** What kind of failure it is, which decides how a page shows it. */
export type ApiErrorKind =
  | 'not-available' // the endpoint does not exist (yet)
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'invalid'
  | 'unavailable' // the gateway or a service did not answer
  | 'network'
  | 'other';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number,
    readonly detail: string,
    readonly code?: string,
    readonly problem?: ProblemDetails,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

function kindOf(status: number, detail: string, code: string | undefined): ApiErrorKind {
  // Nest answers an unknown route with "Cannot GET /api/…": the endpoint is not there (yet).
  if ((status === 404 || status === 405) && !code && /^Cannot (GET|POST|PUT|PATCH|DELETE)\b/.test(detail)) {
    return 'not-available';
  }
  if (status === 501) return 'not-available';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409 || status === 412 || status === 422 || status === 428) return 'conflict';
  if (status === 400) return 'invalid';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'other';
}

/** A refusal or a broken answer as the ApiError the pages know. */
function contractError(error: unknown, request: ContractRequest, status: number): ApiError {
  if (error instanceof ContractProblem) {
    const detail =
      error.problem?.detail ??
      (error.bodyText.slice(0, 300) || `${request.method} ${request.url} svarte ${status}`);
    return new ApiError(
      kindOf(error.status, detail, error.code),
      error.status,
      detail,
      error.code,
      error.problem,
    );
  }
  // The server answered, but not what the contract promises (a field missing or renamed, not JSON).
  if (error instanceof ResponseContractViolation) return new ApiError('other', status, error.message);
  return new ApiError('other', status, `${request.method} ${request.url}: ${String(error)}`);
}

/** The route's request; a path parameter or query the route refuses (not a UUID, say) sends nothing. */
function requestOf<R extends RouteContract>(route: R, input: RouteInput<R>): ContractRequest {
  try {
    return contractRequest(route, input);
  } catch (error) {
    throw new ApiError('invalid', 0, `${route.method} ${route.path}: ${String(error)}`);
  }
}

export interface RequestOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  accept?: string;
}

/** What a call adds to the route's request: a precondition such as `If-Match`, or an abort signal. */
export interface CallOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export class ApiClient {
  /** `token` '' calls without a bearer token: the public routes (the development sign-in). */
  constructor(
    private readonly token: string,
    private readonly onUnauthorized: () => void = () => undefined,
  ) {}

  /**
   * Calls a route of the contract: its answer parsed by the route's schema, or an ApiError. A route that
   * takes an Idempotency-Key gets a new one per call, so a repeated click or a retry is harmless.
   */
  async call<R extends RouteContract>(
    route: R,
    input: RouteInput<R>,
    options: CallOptions = {},
  ): Promise<RouteResponse<R>> {
    const request = requestOf(route, input);
    const response = await this.send(request.method, request.url, {
      bodyText: request.body,
      idempotent: route.idempotent,
      headers: options.headers,
      signal: options.signal,
    });
    try {
      return await readContractResponse(route, response);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw this.noticed(contractError(error, request, response.status));
    }
  }

  /**
   * A route's request whose answer is not JSON (the utilization report as CSV, a download): the raw
   * response, or an ApiError.
   */
  async raw<R extends RouteContract>(
    route: R,
    input: RouteInput<R>,
    options: RequestOptions = {},
  ): Promise<Response> {
    const request = requestOf(route, input);
    const response = await this.send(request.method, request.url, {
      ...options,
      bodyText: request.body,
      idempotent: route.idempotent,
    });
    if (response.ok) return response;
    // A refusal is problem details whatever the route answers on success: read as `call` reads it.
    const refusal = await readContractResponse(route, response).catch((error: unknown) => error);
    throw this.noticed(contractError(refusal, request, response.status));
  }

  /** A refused token signs the user out (onUnauthorized) before the page hears of it. */
  private noticed(error: ApiError): ApiError {
    if (error.kind === 'unauthorized') this.onUnauthorized();
    return error;
  }

  /** One request with the bearer token; any status is an answer, only a failed connection throws. */
  private async send(
    method: string,
    path: string,
    options: RequestOptions & { bodyText?: string; idempotent?: boolean },
  ): Promise<Response> {
    const headers: Record<string, string> = {
      accept: options.accept ?? 'application/json',
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      ...options.headers,
    };
    if (options.bodyText !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotent) headers['idempotency-key'] = crypto.randomUUID();
    try {
      return await fetch(path, { method, headers, body: options.bodyText, signal: options.signal });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError('network', 0, 'no answer from the server');
    }
  }
}
