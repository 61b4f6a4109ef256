import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestTrace, traceRequests } from './http-tracing';
import { spanIdsOf } from './trace-context';
import { startTracing } from './tracing';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

interface Seen {
  active: ReturnType<typeof spanIdsOf>;
  headers: IncomingHttpHeaders;
}

/** A server whose handler, after the middleware and an await, reports the request's span and headers. */
async function serve(forward: boolean): Promise<{ url: string; server: Server }> {
  const middleware = traceRequests({ forward });
  const server = createServer((request, response) => {
    middleware(request, response, () => {
      void (async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        const seen: Seen = { active: spanIdsOf(requestTrace(request)), headers: request.headers };
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(seen));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe(traceRequests.name, () => {
  const servers: Server[] = [];
  let service: string;
  let gateway: string;

  beforeAll(async () => {
    startTracing('http-tracing-test', {});
    const a = await serve(false);
    const b = await serve(true);
    servers.push(a.server, b.server);
    service = a.url;
    gateway = b.url;
  });

  afterAll(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
  });

  const call = async (url: string, headers: Record<string, string> = {}) =>
    (await (await fetch(url, { headers })).json()) as Seen;

  it("continues the caller's trace in a span of its own, kept with the request for its handler", async () => {
    const seen = await call(`${service}/units/u1`, { traceparent: `00-${TRACE}-${CALLER_SPAN}-01` });
    expect(seen.active?.traceId).toBe(TRACE);
    expect(seen.active?.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(seen.active?.spanId).not.toBe(CALLER_SPAN);
    // A service leaves the request's headers as they came.
    expect(seen.headers.traceparent).toBe(`00-${TRACE}-${CALLER_SPAN}-01`);
  });

  it.each([
    ['no traceparent', {}],
    ['an invalid traceparent', { traceparent: 'garbage' }],
  ])('starts a new trace for a request with %s', async (_case, headers: Record<string, string>) => {
    const first = await call(service, headers);
    const second = await call(service, headers);
    expect(first.active?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(second.active?.traceId).not.toBe(first.active?.traceId);
  });

  it('forwards its own span as the parent when it proxies, with the tracestate', async () => {
    const seen = await call(gateway, { traceparent: `00-${TRACE}-${CALLER_SPAN}-01`, tracestate: 'plass=1' });
    expect(seen.headers.traceparent).toBe(`00-${TRACE}-${seen.active?.spanId}-01`);
    expect(seen.headers.tracestate).toBe('plass=1');
  });

  it('has no trace for a request it did not see', () => {
    expect(requestTrace({})).toEqual({});
  });

  it('forwards a new trace when the caller sent none or an invalid one', async () => {
    const seen = await call(gateway, { traceparent: 'garbage', tracestate: 'plass=1' });
    expect(seen.active?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(seen.headers.traceparent).toBe(`00-${seen.active?.traceId}-${seen.active?.spanId}-01`);
    expect(seen.headers.tracestate).toBeUndefined();
  });
});
