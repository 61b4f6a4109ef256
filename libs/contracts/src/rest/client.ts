/**
 * The typed client of the REST contract: `call(admitResident, { params, body })` builds the request
 * from the route, and answers with the response parsed by the route's schema, so a field the server
 * stops sending (or renames) fails loudly where it is read instead of arriving as `undefined`. The
 * dashboard, the tests, the bench and the tools all call through it; how a request travels
 * (fetch, headers, retries) is the caller's `send`.
 */
import type { z } from 'zod';
import { ProblemDetailsSchema, type ProblemDetails } from './problem';
import { routePath, type RouteContract, type RouteInput, type RouteResponse } from './route';

/** A request as built from a route: what `send` puts on the wire. */
export interface ContractRequest {
  route: RouteContract;
  method: string;
  /** Path and query string, e.g. `/api/capacity/history?from=2026-01-01`. */
  url: string;
  /** JSON body, already serialised; undefined when the route has none. */
  body?: string;
}

/** Builds method, url and body; the params and query are checked by the route's schemas first. */
export function contractRequest<R extends RouteContract>(route: R, input: RouteInput<R>): ContractRequest {
  const { params, query, body } = input as { params?: unknown; query?: unknown; body?: unknown };
  const checkedParams = route.params ? (route.params.parse(params) as Record<string, unknown>) : {};
  let url = routePath(route.path, checkedParams);
  if (route.query && query !== undefined) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
      if (value === undefined || value === null) continue;
      for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
    }
    const text = search.toString();
    if (text) url += `?${text}`;
  }
  return {
    route,
    method: route.method,
    url,
    body: route.body ? JSON.stringify(body) : undefined,
  };
}

/** A response that answered with a problem (any status ≥ 400). */
export class ContractProblem extends Error {
  constructor(
    readonly route: RouteContract,
    readonly status: number,
    readonly problem: ProblemDetails | undefined,
    readonly bodyText: string,
  ) {
    super(`${route.method} ${route.path} answered ${status}: ${problem?.detail ?? bodyText.slice(0, 200)}`);
    this.name = 'ContractProblem';
  }

  get code(): string | undefined {
    return this.problem?.code;
  }
}

/** A success response whose body does not match the route's schema: the server broke the contract. */
export class ResponseContractViolation extends Error {
  constructor(
    readonly route: RouteContract,
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(
      `${route.method} ${route.path} answered a body that breaks its contract: ${issues
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; ')}`,
    );
    this.name = 'ResponseContractViolation';
  }
}

/** Reads a fetch-like response by the route: the parsed body, or a thrown ContractProblem. */
export async function readContractResponse<R extends RouteContract>(
  route: R,
  response: { status: number; text(): Promise<string> },
): Promise<RouteResponse<R>> {
  const text = await response.text();
  if (response.status >= 400) {
    let problem: ProblemDetails | undefined;
    try {
      const parsed = ProblemDetailsSchema.safeParse(JSON.parse(text));
      problem = parsed.success ? parsed.data : undefined;
    } catch {
      problem = undefined;
    }
    throw new ContractProblem(route, response.status, problem, text);
  }
  if (!route.response) return undefined as RouteResponse<R>;
  const parsed = route.response.safeParse(text ? JSON.parse(text) : undefined);
  if (!parsed.success) throw new ResponseContractViolation(route, parsed.error.issues);
  return parsed.data as RouteResponse<R>;
}

export interface ContractClientOptions {
  /** e.g. `http://127.0.0.1:3000`; '' for same-origin (the dashboard). */
  baseUrl: string;
  /** Headers for every request (authorization); called per request so a refreshed token is used. */
  headers?: () => Record<string, string>;
  fetch?: typeof fetch;
}

export interface CallOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** A client of the contract over fetch. */
export interface ContractClient {
  call<R extends RouteContract>(
    route: R,
    input: RouteInput<R>,
    options?: CallOptions,
  ): Promise<RouteResponse<R>>;
}

export function contractClient(options: ContractClientOptions): ContractClient {
  const send = options.fetch ?? fetch;
  return {
    async call(route, input, callOptions = {}) {
      const request = contractRequest(route, input);
      const response = await send(`${options.baseUrl}${request.url}`, {
        method: request.method,
        headers: {
          accept: 'application/json',
          ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...options.headers?.(),
          ...callOptions.headers,
        },
        body: request.body,
        signal: callOptions.signal,
      });
      return readContractResponse(route, response);
    },
  };
}
