/**
 * What one finished write request says about itself in the audit trail (ADR 0199): who (token subject and
 * roles), what (method and route pattern), on what (the ids in the route), and how it ended. Read from
 * the request only — never its body, which may carry free text about a resident.
 */
import type { AuditOutcome } from '@plass/contracts';

/** The methods that change something; GET, HEAD and OPTIONS are not audited. */
export const AUDITED_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The part of an Express request the recorder reads (after the response is done). */
export interface AuditedRequest {
  method: string;
  /** The path with its query, as received. */
  originalUrl: string;
  baseUrl?: string;
  /** Set by Express once a route matched. */
  route?: unknown;
  params?: Record<string, unknown>;
  /** Set by the auth guard (libs/auth JwtAuthGuard) when the token was valid. */
  user?: { sub: string; roles: readonly string[] };
}

export interface AuditRecord {
  actor: string | null;
  role: string | null;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  status: number;
  correlationId: string | null;
}

/** Only writes under /api are the users' actions; health, metrics and documents are not. */
export function isAudited(method: string, path: string): boolean {
  return AUDITED_METHODS.has(method.toUpperCase()) && (path === '/api' || path.startsWith('/api/'));
}

export function outcomeOf(status: number, finished: boolean): AuditOutcome {
  if (!finished || status >= 500) return 'failed';
  return status >= 400 ? 'refused' : 'success';
}

/**
 * An id or a code as it may be stored: a uuid, a number (a district code) or a lowercase code. Anything
 * else — a typo, or a name someone put in a path — is stored as `?`, so no free text reaches the trail.
 */
const SAFE_ID =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9]{1,20}|[a-z][a-z0-9-]{0,49})$/;
/** A path segment of a route: a lowercase word. */
const ROUTE_WORD = /^[a-z][a-z0-9-]{0,49}$/;

/** The raw path for a request no route matched (a 404, a body refused before routing), ids kept, the rest `?`. */
function unmatchedPathOf(url: string): string {
  const end = url.search(/[?#]/);
  const path = end === -1 ? url : url.slice(0, end);
  return path
    .split('/')
    .map((segment) => (segment === '' || ROUTE_WORD.test(segment) || SAFE_ID.test(segment) ? segment : '?'))
    .join('/')
    .slice(0, 300);
}

/** The matched route pattern (`/api/units/:unitId/admissions`), else the raw path, cleaned. */
function routePatternOf(request: AuditedRequest): string {
  const route = request.route;
  if (typeof route === 'object' && route !== null && 'path' in route && typeof route.path === 'string') {
    return `${request.baseUrl ?? ''}${route.path}`;
  }
  return unmatchedPathOf(request.originalUrl);
}

/**
 * `unitId` is a `unit`; a bare `id` is named after the path segment before it (`/housing/units/:id` is a
 * `unit`), singular.
 */
function kindOf(name: string, pattern: string): string {
  if (name !== 'id' && /Id$/.test(name)) return name.slice(0, -2);
  if (name !== 'id') return name;
  const segments = pattern.split('/');
  const at = segments.indexOf(':id');
  const before = at > 0 ? segments[at - 1] : '';
  return before ? before.replace(/ies$/, 'y').replace(/s$/, '') : 'id';
}

/** The route's ids as `kind:value`, separated by a space, in the order of the path; null when none. */
export function targetOf(request: AuditedRequest): string | null {
  const pattern = routePatternOf(request);
  const names = [...pattern.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]);
  const parts = names.flatMap((name) => {
    const value = request.params?.[name];
    if (typeof value !== 'string') return [];
    return [`${kindOf(name, pattern)}:${SAFE_ID.test(value) ? value : '?'}`];
  });
  return parts.length ? parts.join(' ') : null;
}

export function auditRecordOf(
  request: AuditedRequest,
  response: { statusCode: number; finished: boolean },
  correlationId: string | null,
): AuditRecord {
  const user = request.user;
  return {
    actor: user?.sub ?? null,
    role: user && user.roles.length ? user.roles.join(',') : null,
    action: `${request.method.toUpperCase()} ${routePatternOf(request)}`,
    target: targetOf(request),
    outcome: outcomeOf(response.statusCode, response.finished),
    status: response.finished ? response.statusCode : 0,
    correlationId,
  };
}
