/**
 * Which browser origins may open a socket with credentials: the gateway's own (the `Origin` names the
 * host the request came to, as when the gateway serves the dashboard or a dev server proxies to it) and
 * the configured list (GATEWAY_ALLOWED_ORIGINS). A request without `Origin` is not a browser's
 * cross-site request (a script, a test, the benchmark) and is let through; its token still decides.
 */
import type { IncomingMessage } from 'node:http';
import type { CorsOptionsDelegate } from 'cors';

export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
) {
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/** socket.io's `allowRequest`: refuses the handshake (polling and websocket) of a foreign origin. */
export function allowRequestFor(allowed: readonly string[]) {
  return (request: IncomingMessage, callback: (error: string | null, success: boolean) => void): void => {
    const ok = originAllowed(request.headers.origin, request.headers.host, allowed);
    callback(ok ? null : 'origin not allowed', ok);
  };
}

/** socket.io's `cors`: `Access-Control-Allow-Origin` (with credentials) only for an allowed origin. */
export function corsFor(allowed: readonly string[]): CorsOptionsDelegate {
  return (request, callback) => {
    const { origin, host } = request.headers;
    callback(null, {
      origin: originAllowed(origin, host, allowed) && origin !== undefined ? origin : false,
      credentials: true,
    });
  };
}
