/** Routes /api/* to the service that owns it; an unreachable service answers 502 as problem+json. */
import { Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import { UPSTREAM_IDLE_MS } from '@plass/observability';
import { createProxyMiddleware, type RequestHandler } from 'http-proxy-middleware';
import type { GatewayConfig } from '../config';

export function routeTable(config: GatewayConfig): { prefix: string; target: string; service: string }[] {
  return [
    { prefix: '/api/institutions', target: config.institutionUrl, service: 'institution-service' },
    { prefix: '/api/units', target: config.institutionUrl, service: 'institution-service' },
    { prefix: '/api/housing', target: config.housingUrl, service: 'housing-service' },
    { prefix: '/api/capacity', target: config.capacityUrl, service: 'capacity-service' },
    { prefix: '/api/intake', target: config.intakeUrl, service: 'intake-service' },
    { prefix: '/api/purchases', target: config.intakeUrl, service: 'intake-service' },
    { prefix: '/api/notifications', target: config.capacityUrl, service: 'capacity-service' },
  ];
}

function matches(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`);
}

export function apiProxies(config: GatewayConfig): RequestHandler[] {
  // Without an agent http-proxy opens a new connection for every request (and the service accepts and
  // closes one): kept-alive connections save both sides a connect, an accept and a close per request.
  // Idle ones are closed after UPSTREAM_IDLE_MS, before the service would close them (runService).
  const agent = new Agent({ keepAlive: true, timeout: UPSTREAM_IDLE_MS });
  return routeTable(config).map(({ prefix, target, service }) =>
    createProxyMiddleware<IncomingMessage, ServerResponse>({
      target,
      agent,
      changeOrigin: false,
      xfwd: true,
      proxyTimeout: 30_000,
      pathFilter: (path) => matches(path, prefix),
      on: {
        error: (error, req, res) => {
          if (!('writeHead' in res)) {
            res.destroy();
            return;
          }
          if (res.headersSent) {
            res.end();
            return;
          }
          res.writeHead(502, { 'content-type': 'application/problem+json' });
          res.end(
            JSON.stringify({
              type: 'urn:plassoversikt:problem:upstream-unavailable',
              title: 'Service unavailable',
              status: 502,
              detail: `${service} did not answer (${(error as NodeJS.ErrnoException).code ?? error.message}); try again shortly`,
              instance: req.url,
            }),
          );
        },
      },
    }),
  );
}
