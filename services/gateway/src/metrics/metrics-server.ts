/**
 * The gateway's Prometheus metrics on an internal listener (GATEWAY_METRICS_HOST:GATEWAY_METRICS_PORT,
 * loopback by default), and a 404 for `/metrics` on the public port: the gateway is the one entry users
 * reach, and its process figures are nobody's business there (ADR 0117).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metricsRegistry } from '@plass/observability';
import { sendProblem } from '../security/problem-response';

/** Express-style middleware for the public port: `/metrics` is not there. */
export function hidePublicMetrics() {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/metrics' || path === '/metrics/') {
      sendProblem(request, response, 404, 'Cannot GET /metrics', 'not-found');
      return;
    }
    next();
  };
}

/** Starts the internal listener; resolves with it once it listens. */
export async function startMetricsServer(port: number, host: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' || path !== '/metrics') {
      response.statusCode = 404;
      response.end();
      return;
    }
    metricsRegistry.metrics().then(
      (text) => {
        response.setHeader('content-type', metricsRegistry.contentType);
        response.end(text);
      },
      (error: unknown) => {
        response.statusCode = 500;
        response.end((error as Error).message);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}
