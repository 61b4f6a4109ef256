/**
 * One REST route of the public contract, described once: method, path, the zod schemas of its params,
 * query, body and response, its success status and the problems it can answer with. The services serve
 * it (`@ContractRoute` in @plass/observability validates with these schemas and documents them in
 * OpenAPI), and the typed client (`./client.ts`) calls it; neither restates a field (docs/decisions/0150).
 */
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Statuses a route may answer with problem details (RFC 9457); see ./problem.ts. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 422 | 428 | 429 | 502 | 503;

export interface RouteContract {
  /** The operation id in OpenAPI and the method name a reader searches for, e.g. `admitResident`. */
  readonly id: string;
  readonly method: HttpMethod;
  /** Express style, with `:name` parameters: `/api/units/:unitId/admissions`. */
  readonly path: string;
  readonly summary: string;
  /** The OpenAPI tag (one per service area). */
  readonly tag: string;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly status: 200 | 201 | 202 | 204;
  /** The response body; omitted for 204. */
  readonly response?: z.ZodType;
  /**
   * The problems the route answers with, by status, with the problem codes it can carry
   * (`NO_AVAILABLE_PLACE` is `urn:plassoversikt:problem:no-available-place`); an empty list is a
   * problem without a code (`about:blank`), e.g. a 400 from validation.
   */
  readonly problems: Readonly<Partial<Record<ProblemStatus, readonly string[]>>>;
  /** Whether the route is served without a bearer token. */
  readonly public?: boolean;
  /** Writes that take an `Idempotency-Key` header. */
  readonly idempotent?: boolean;
}

/** Declares a route; `const` keeps its literal types for the client. */
export function route<const T extends RouteContract>(spec: T): T {
  return spec;
}

type SchemaInput<S> = S extends z.ZodType ? z.input<S> : never;
type SchemaOutput<S> = S extends z.ZodType ? z.output<S> : never;

/** What a caller passes: params, query and body as their schemas take them. */
export type RouteInput<R extends RouteContract> = (R['params'] extends z.ZodType
  ? { params: SchemaInput<R['params']> }
  : { params?: undefined }) &
  (R['query'] extends z.ZodType ? { query?: SchemaInput<R['query']> } : { query?: undefined }) &
  (R['body'] extends z.ZodType ? { body: SchemaInput<R['body']> } : { body?: undefined });

/** What the route answers with on success. */
export type RouteResponse<R extends RouteContract> = R['response'] extends z.ZodType
  ? SchemaOutput<R['response']>
  : undefined;

/** What the handler returns (before JSON serialisation, so dates may still be strings or numbers). */
export type RouteResult<R extends RouteContract> = R['response'] extends z.ZodType
  ? SchemaInput<R['response']>
  : void;

/** `/api/units/:unitId/admissions` with `{ unitId: 'a' }` is `/api/units/a/admissions`. */
export function routePath(path: string, params: Record<string, unknown> = {}): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params[name];
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new Error(`routePath: ${path} needs the parameter ${name}`);
    }
    return encodeURIComponent(value);
  });
}

/** `/api/units/:unitId` as OpenAPI writes it: `/api/units/{unitId}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

const schemaNames = new WeakMap<z.ZodType, string>();

/**
 * Names a schema of the contract for documents generated from it (the OpenAPI component name):
 * `export const UnitResult = named('UnitResult', z.object({ … }))`. Unnamed schemas are inlined, or named
 * after their route (`AdmitResidentBody`).
 */
export function named<S extends z.ZodType>(name: string, schema: S): S {
  schemaNames.set(schema, name);
  return schema;
}

export function nameOf(schema: z.ZodType): string | undefined {
  return schemaNames.get(schema);
}
