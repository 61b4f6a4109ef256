import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { hidePublicMetrics, portOf, startMetricsServer } from './metrics-server';

describe('the gateway’s metrics', () => {
  let server: Server;

  beforeAll(async () => {
    server = await startMetricsServer(0, '127.0.0.1');
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('answers GET /metrics on the internal listener, and nothing else there', async () => {
    const url = `http://127.0.0.1:${portOf(server)}`;
    const metrics = await fetch(`${url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await fetch(`${url}/health/live`)).status).toBe(404);
  });

  it('hides /metrics on the public port and lets everything else through', () => {
    const middleware = hidePublicMetrics();
    const response = { statusCode: 200, setHeader: jest.fn(), end: jest.fn() };
    const next = jest.fn();
    const request = (url: string) => ({ url, headers: {} }) as unknown as IncomingMessage;
    middleware(request('/metrics?x=1'), response as unknown as ServerResponse, next);
    expect(response.statusCode).toBe(404);
    expect(next).not.toHaveBeenCalled();
    middleware(request('/api/capacity/summary'), response as unknown as ServerResponse, next);
    expect(next).toHaveBeenCalledTimes(1);
  });
});
