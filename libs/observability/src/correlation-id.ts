/** One correlation id per request: the caller's `x-correlation-id` when it is a safe token, else a new uuid. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

const SAFE_TOKEN = /^[A-Za-z0-9._-]{1,100}$/;
const assigned = new WeakMap<IncomingMessage, string>();

/** The request's correlation id; the same value however often it is asked for. */
export function correlationIdOf(request: IncomingMessage): string {
  let id = assigned.get(request);
  if (id === undefined) {
    const header = request.headers[CORRELATION_ID_HEADER];
    // Anything else could smuggle text into logs and headers, so it is replaced, not echoed.
    id = typeof header === 'string' && SAFE_TOKEN.test(header) ? header : randomUUID();
    assigned.set(request, id);
  }
  return id;
}
