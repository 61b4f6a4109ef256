import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { InvalidConfigError } from '../load-env';
import { startTracing, tracingConfigFromEnv } from './tracing';

const execFileAsync = promisify(execFile);

describe(tracingConfigFromEnv.name, () => {
  it('exports nothing when no OTLP endpoint is configured, or an empty one', () => {
    expect(tracingConfigFromEnv('svc', {})).toEqual({ tracesEndpoint: null });
    expect(tracingConfigFromEnv('svc', { OTEL_EXPORTER_OTLP_ENDPOINT: '' })).toEqual({
      tracesEndpoint: null,
    });
  });

  it('sends traces to /v1/traces of OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    expect(
      tracingConfigFromEnv('svc', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracesEndpoint,
    ).toBe('http://collector:4318/v1/traces');
  });

  it('takes OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as it is, before the general one', () => {
    expect(
      tracingConfigFromEnv('svc', {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.no/otlp',
      }).tracesEndpoint,
    ).toBe('https://traces.example.no/otlp');
  });

  it('stops the service with a message naming a variable that is not an http(s) URL', () => {
    expect(() =>
      tracingConfigFromEnv('capacity-service', { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }),
    ).toThrow(InvalidConfigError);
    expect(() =>
      tracingConfigFromEnv('capacity-service', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'grpc://collector' }),
    ).toThrow(/capacity-service: invalid configuration: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT/);
  });
});

describe(startTracing.name, () => {
  let collector: Server;
  const received: { url: string; body: string }[] = [];

  beforeAll(async () => {
    collector = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ url: request.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => collector.close(resolve));
  });

  /**
   * In a process of its own, as a service runs (the OTLP exporter loads `http` with a dynamic import, which
   * Jest's module sandbox refuses): starts tracing, makes one span, flushes; prints the span's trace id.
   */
  async function runTraced(env: NodeJS.ProcessEnv): Promise<{ traceId: string; exporting: boolean }> {
    const script = `
      const { startTracing } = require(${JSON.stringify(require.resolve('./tracing'))});
      const { tracer } = require(${JSON.stringify(require.resolve('./trace-context'))});
      const tracing = startTracing('tracing-test');
      if (startTracing('another-name') !== tracing) throw new Error('a second registration');
      const span = tracer.startSpan('exported');
      span.end();
      tracing.flush().then(() => console.log(JSON.stringify({ traceId: span.spanContext().traceId, exporting: tracing.exporting })));
    `;
    const { stdout } = await execFileAsync(process.execPath, ['-r', '@swc-node/register', '-e', script], {
      env: {
        ...process.env,
        OTEL_EXPORTER_OTLP_ENDPOINT: '',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '',
        ...env,
      },
      timeout: 20_000,
    });
    return JSON.parse(stdout.trim()) as { traceId: string; exporting: boolean };
  }

  it('exports the spans over OTLP/HTTP to the configured endpoint', async () => {
    const { port } = collector.address() as AddressInfo;
    const { traceId, exporting } = await runTraced({
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
    });
    expect(exporting).toBe(true);
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(received.map((r) => r.url)).toEqual(['/v1/traces']);
    expect(received[0].body).toContain(traceId);
    expect(received[0].body).toContain('tracing-test');
  }, 30_000);

  it('exports nothing without an endpoint, and the spans still have trace ids', async () => {
    received.length = 0;
    const { traceId, exporting } = await runTraced({});
    expect(exporting).toBe(false);
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(traceId).not.toBe('0'.repeat(32));
    expect(received).toEqual([]);
  }, 30_000);
});
