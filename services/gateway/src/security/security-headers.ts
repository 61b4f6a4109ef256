/**
 * Security headers on every gateway response (its own routes, the dashboard and the proxied API), with a
 * Content-Security-Policy that lets the dashboard load only from the gateway itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** A Host header we are willing to repeat in the policy (no spaces, quotes or semicolons). */
const SAFE_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * socket.io upgrades to a WebSocket on the page's own host; `'self'` covers ws: and wss: in current
 * browsers, and the explicit origins cover the others.
 */
function liveSocketOrigins(request: IncomingMessage): string {
  const host = request.headers.host;
  return host && SAFE_HOST.test(host) ? `ws://${host} wss://${host}` : '';
}

const dashboardDirectives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  // The built dashboard has no inline styles: Punkt's components use constructed style sheets and React
  // sets styles through the DOM, neither of which the policy restricts.
  styleSrc: ["'self'"],
  // Punkt's CSS inlines its small SVG icons as data: URLs.
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'", (request: IncomingMessage) => liveSocketOrigins(request)],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // The demo runs on plain http://localhost; TLS is the ingress's job, which must not be forced here.
  upgradeInsecureRequests: null,
};

/** Swagger UI (the services' /api/<service>/docs) writes inline styles and data: images. */
const docsDirectives = { ...dashboardDirectives, styleSrc: ["'self'", "'unsafe-inline'"] };

function headers(directives: typeof dashboardDirectives): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 365 * 24 * 60 * 60, includeSubDomains: false },
    xFrameOptions: { action: 'deny' },
  }) as RequestHandler;
}

const DOCS_PATH = /^\/api\/[a-z-]+\/docs(\/|$)/;

/**
 * Express adds X-Powered-By to the services' answers, and the proxy would pass it on: it is taken off
 * every response just before its head is written, whoever set it.
 */
function withoutFingerprints(response: ServerResponse): void {
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!this.headersSent) this.removeHeader('x-powered-by');
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  };
}

/** `signInOrigins`: the OpenID Connect provider, whose discovery, token and logout the page calls. */
export function securityHeaders(signInOrigins: readonly string[] = []): RequestHandler {
  const connectSrc = [...dashboardDirectives.connectSrc, ...signInOrigins];
  const dashboard = headers({ ...dashboardDirectives, connectSrc });
  const docs = headers({ ...docsDirectives, connectSrc });
  return (request: Request, response: Response, next: NextFunction) => {
    withoutFingerprints(response);
    (DOCS_PATH.test(request.path) ? docs : dashboard)(request, response, next);
  };
}
