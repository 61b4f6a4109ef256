import type { Request, Response } from 'express';
import { bodySizeLimit } from './body-size-limit';
import { loadSecurityConfig } from './security.config';
import { isApiWrite } from './write-rate-limit';

function fakeResponse() {
  const headers: Record<string, string> = {};
  const response = {
    statusCode: 200,
    body: '',
    setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value),
    end: (body: string) => (response.body = body),
  };
  return { response, headers };
}

const request = (props: Partial<Request>) => ({ headers: {}, url: '/api/institutions', ...props }) as Request;

describe('gateway security settings', () => {
  it('defaults to limits that seeding and the fault tests stay under', () => {
    expect(loadSecurityConfig({})).toEqual({
      writesPerMinutePerSubject: 3000,
      writesPerMinutePerIp: 6000,
      maxBodyBytes: 65_536,
      maxImportBodyBytes: 67_108_864,
      trustProxyHops: 0,
    });
  });

  it('stops at boot on a limit that is not a positive whole number, naming it', () => {
    expect(() => loadSecurityConfig({ RATE_LIMIT_WRITES_PER_MINUTE: '0' })).toThrow(
      /RATE_LIMIT_WRITES_PER_MINUTE/,
    );
    expect(() => loadSecurityConfig({ GATEWAY_MAX_BODY_BYTES: 'lots' })).toThrow(/GATEWAY_MAX_BODY_BYTES/);
  });
});

describe(isApiWrite.name, () => {
  it('counts POST, PUT, PATCH and DELETE on /api only', () => {
    expect(isApiWrite(request({ method: 'POST', path: '/api/institutions' }))).toBe(true);
    expect(isApiWrite(request({ method: 'DELETE', path: '/api/units/x/blocks/y' }))).toBe(true);
    expect(isApiWrite(request({ method: 'GET', path: '/api/institutions' }))).toBe(false);
    expect(isApiWrite(request({ method: 'POST', path: '/apiary' }))).toBe(false);
    expect(isApiWrite(request({ method: 'POST', path: '/socket.io/' }))).toBe(false);
  });
});

describe(bodySizeLimit.name, () => {
  const limit = bodySizeLimit(100);

  it('passes a body within the limit, or one without a length, on', () => {
    for (const length of [undefined, '0', '100']) {
      const next = jest.fn();
      const { response } = fakeResponse();
      limit(request({ headers: { 'content-length': length } }), response as unknown as Response, next);
      expect(next).toHaveBeenCalledTimes(1);
    }
  });

  it('answers a larger one with 413 problem details', () => {
    const next = jest.fn();
    const { response, headers } = fakeResponse();
    limit(request({ headers: { 'content-length': '101' } }), response as unknown as Response, next);
    expect(next).not.toHaveBeenCalled();
    expect(response.statusCode).toBe(413);
    expect(headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({
      status: 413,
      type: 'urn:plassoversikt:problem:body-too-large',
      detail: 'the request body is 101 bytes, larger than the limit of 100 bytes',
    });
  });

  it('lets a route with a larger limit of its own take a larger body, and only that route', () => {
    const withImport = bodySizeLimit(100, [
      { method: 'POST', path: '/api/institutions/import', maxBytes: 1000 },
    ]);
    const outcome = (props: Partial<Request>) => {
      const next = jest.fn();
      const { response } = fakeResponse();
      withImport(
        request({ headers: { 'content-length': '500' }, ...props }),
        response as unknown as Response,
        next,
      );
      return next.mock.calls.length ? 'passed' : response.statusCode;
    };
    expect(outcome({ method: 'POST', originalUrl: '/api/institutions/import' })).toBe('passed');
    expect(outcome({ method: 'POST', originalUrl: '/api/institutions/import?x=1' })).toBe('passed');
    expect(outcome({ method: 'POST', originalUrl: '/api/institutions' })).toBe(413);
    expect(outcome({ method: 'PUT', originalUrl: '/api/institutions/import' })).toBe(413);
    expect(
      outcome({
        method: 'POST',
        originalUrl: '/api/institutions/import',
        headers: { 'content-length': '1001' },
      }),
    ).toBe(413);
  });
});
