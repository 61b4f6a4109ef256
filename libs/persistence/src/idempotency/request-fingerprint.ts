/**
 * What an Idempotency-Key is bound to (draft-ietf-httpapi-idempotency-key-header §2.2, "fingerprint"):
 * the method, the matched route and the concrete path, and a SHA-256 of the canonical request body.
 */
import { createHash } from 'node:crypto';
import { requestTrace, type TraceCarrier } from '@plass/observability';

function primitiveJson(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new TypeError('a non-finite number has no JSON form');
  }
  // undefined (no body) and functions have no JSON text: the empty string stands for "no body".
  return JSON.stringify(value) ?? '';
}

type Piece = { text: string } | { value: unknown };

/** The pieces of one object or array, in order: its brackets, separators, keys and member values. */
function piecesOf(value: object): Piece[] {
  if (Array.isArray(value)) {
    const members = value.flatMap((item: unknown, i): Piece[] => [
      ...(i > 0 ? [{ text: ',' }] : []),
      item === undefined ? { text: 'null' } : { value: item },
    ]);
    return [{ text: '[' }, ...members, { text: ']' }];
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const members = entries.flatMap(([key, item], i): Piece[] => [
    { text: `${i > 0 ? ',' : ''}${JSON.stringify(key)}:` },
    { value: item },
  ]);
  return [{ text: '{' }, ...members, { text: '}' }];
}

/**
 * The JSON text of `value` with object keys sorted (by UTF-16 code units) and no whitespace: the same
 * value always gives the same text, whatever order or spacing the client sent (RFC 8785's ordering;
 * numbers and strings are serialised by JSON.stringify, as RFC 8785 specifies). Iterative, not
 * recursive: JSON.parse accepts bodies nested deeper than the call stack (a hostile body once gave 500).
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const stack: Piece[] = [{ value }];
  for (let piece = stack.pop(); piece !== undefined; piece = stack.pop()) {
    if ('text' in piece) {
      out.push(piece.text);
    } else if (piece.value === null || typeof piece.value !== 'object') {
      out.push(primitiveJson(piece.value));
    } else {
      stack.push(...piecesOf(piece.value).reverse());
    }
  }
  return out.join('');
}

/** Lower-case hex SHA-256 of the canonical JSON of a parsed request body (no body: of the empty string). */
export function requestBodyHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}

/** What the HTTP layer (express) knows about a write, as far as idempotency needs it. */
export interface HttpWrite {
  method: string;
  /** The concrete path, without the query. */
  path: string;
  /** express's matched route; its `path` is the template (`/api/units/:unitId/census`). */
  route?: { path?: unknown } | undefined;
  /** The parsed JSON body, before validation (what the client sent). */
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The request's part of an `IdempotentWrite`: key, method, route, path and body hash (the caller adds the
 * subject), and the request's trace for the write's outbox rows.
 */
export function idempotencyRequestOf(request: HttpWrite): {
  key: string | undefined;
  method: string;
  route: string;
  path: string;
  bodyHash: string;
  trace: TraceCarrier;
} {
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  const route = request.route?.path;
  return {
    key,
    method: request.method,
    route: typeof route === 'string' ? route : request.path,
    path: request.path,
    // Hashed only when there is a key to bind it to: most writes carry none.
    bodyHash: key === undefined ? '' : requestBodyHash(request.body),
    trace: requestTrace(request),
  };
}
