import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { metricsRegistry } from '@plass/observability';
import { proxyMetrics, routeLabel } from './proxy-metrics';

describe(routeLabel.name, () => {
  it('keeps the words of the API and turns every id and code into :id', () => {
    const seen = new Set<string>();
    expect(routeLabel('/api/units/3f1c2a4e-0000-4000-8000-000000000001/admissions', '/api/units', seen)).toBe(
      '/api/units/:id/admissions',
    );
    expect(routeLabel('/api/housing/needs/030103?x=1', '/api/housing', seen)).toBe('/api/housing/needs/:id');
    expect(routeLabel('/api/capacity/summary', '/api/capacity', seen)).toBe('/api/capacity/summary');
  });

  it('folds deep paths and stops taking new labels after its limit', () => {
    const seen = new Set<string>();
    expect(routeLabel('/api/units/a/b/c/d/e/f/g', '/api/units', seen)).toBe(
      '/api/units/:id/:id/:id/:id/:id/…',
    );
    while (seen.size < 200) seen.add(`/filler/${seen.size}`);
    expect(routeLabel('/api/units/ack/ack/ack', '/api/units', seen)).toBe('/api/units/other');
    expect(routeLabel('/api/capacity/summary', '/api/capacity', seen)).toBe('/api/capacity/other');
  });
});

describe(proxyMetrics.name, () => {
  function request(method: string, url: string) {
    const response = Object.assign(new EventEmitter(), { statusCode: 200 });
    const next = jest.fn();
    proxyMetrics(['/api/units', '/api/capacity'])(
      { method, url } as IncomingMessage,
      response as unknown as ServerResponse,
      next,
    );
    return { response, next };
  }

  it('records a proxied request by method, bounded route and status, never its ids', async () => {
    const { response, next } = request('POST', '/api/units/unit-7c1d/admissions');
    expect(next).toHaveBeenCalled();
    response.statusCode = 409;
    response.emit('finish');
    const text = await metricsRegistry.getSingleMetricAsString('plass_http_request_duration_seconds');
    expect(text).toMatch(
      /^plass_http_request_duration_seconds_count\{method="POST",route="\/api\/units\/:id\/admissions",status="409"\} 1$/m,
    );
    expect(text).not.toContain('unit-7c1d');
  });

  it('leaves requests outside the proxied prefixes to Nest', async () => {
    const { response, next } = request('GET', '/api/unitsxyz');
    response.emit('finish');
    expect(next).toHaveBeenCalled();
    expect(
      await metricsRegistry.getSingleMetricAsString('plass_http_request_duration_seconds'),
    ).not.toContain('unitsxyz');
  });
});
