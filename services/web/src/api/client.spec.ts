import { afterEach, describe, expect, it, jest } from '@jest/globals';
import {
  acknowledgeAlert,
  getCapacitySummary,
  getUtilizationReport,
  listCapacityUnits,
  reportCensus,
  requestDevToken,
} from '@plass/contracts/rest';
import { ApiClient, ApiError } from './client';

type Answer = { status: number; body: unknown; contentType?: string };

/** Stubs fetch with one answer and keeps what was asked. */
function answering(answer: Answer) {
  const requests: { url: string; init: RequestInit | undefined }[] = [];
  const stub: typeof fetch = (url, init) => {
    requests.push({ url: url instanceof Request ? url.url : url.toString(), init });
    return Promise.resolve(
      new Response(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': answer.contentType ?? 'application/json' },
      }),
    );
  };
  jest.spyOn(globalThis, 'fetch').mockImplementation(stub);
  return requests;
}

const ALERT_ID = '7b1d3c4e-1f2a-4b5c-8d9e-0a1b2c3d4e5f';
const UNIT_ID = '3f6c2a1e-5b4d-4c3a-9e8f-7a6b5c4d3e2f';

const unit = {
  id: UNIT_ID,
  institutionId: ALERT_ID,
  name: 'Enhet A',
  category: 'acute',
  features: ['wheelchair'],
  capacity: 8,
  occupied: 3,
  blocked: 1,
  reserved: 0,
  available: 4,
  closed: false,
  sequence: 7,
  updatedAt: '2026-12-04T10:00:00.000Z',
};

describe(ApiClient.name, () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('builds the request from the route, with the bearer token', async () => {
    const requests = answering({ status: 200, body: [] });
    const api = new ApiClient('token-1');
    await expect(
      api.call(listCapacityUnits, { query: { category: 'acute', onlyAvailable: 'true' } }),
    ).resolves.toEqual([]);
    expect(requests[0].url).toBe('/api/capacity/units?category=acute&onlyAvailable=true');
    expect(requests[0].init?.method).toBe('GET');
    expect(new Headers(requests[0].init?.headers).get('authorization')).toBe('Bearer token-1');
  });

  it('turns a problem into the ApiError the pages explain, with its code', async () => {
    answering({
      status: 409,
      contentType: 'application/problem+json',
      body: {
        type: 'urn:plassoversikt:problem:alert-resolved',
        title: 'Alert already resolved',
        status: 409,
        detail: 'the alert is resolved',
        code: 'ALERT_RESOLVED',
      },
    });
    const error = await new ApiClient('t')
      .call(acknowledgeAlert, { params: { id: ALERT_ID } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      kind: 'conflict',
      status: 409,
      code: 'ALERT_RESOLVED',
      detail: 'the alert is resolved',
    });
  });

  it('signs the user out on a refused token', async () => {
    answering({
      status: 401,
      body: {
        type: 'urn:plassoversikt:problem:expired',
        title: 'Unauthorized',
        status: 401,
        detail: 'token expired',
        code: 'expired',
      },
    });
    const signOut = jest.fn();
    const error = await new ApiClient('t', signOut).call(getCapacitySummary, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(signOut).toHaveBeenCalledTimes(1);
  });

  it('refuses an answer that breaks the contract instead of showing empty fields', async () => {
    answering({ status: 200, body: [{ unitId: 'renamed', unitName: 'Holmen' }] });
    const error = await new ApiClient('t').call(listCapacityUnits, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'other', status: 200 });
    expect((error as ApiError).detail).toMatch(/breaks its contract/);
  });

  it('sends nothing for a path parameter the route refuses', async () => {
    const requests = answering({ status: 200, body: {} });
    const error = await new ApiClient('t')
      .call(acknowledgeAlert, { params: { id: '../institutions' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid' });
    expect(requests).toHaveLength(0);
  });

  it("sends the caller's If-Match beside a new Idempotency-Key per call of an idempotent route", async () => {
    const requests = answering({ status: 200, body: { unit } });
    const api = new ApiClient('t');
    const input = { params: { unitId: UNIT_ID }, body: { occupied: 3, blocked: 1 } };
    const options = { headers: { 'if-match': '"7"' } };
    await expect(api.call(reportCensus, input, options)).resolves.toEqual({ unit });
    await api.call(reportCensus, input, options);

    const [first, second] = requests.map((request) => new Headers(request.init?.headers));
    expect(requests[0].url).toBe(`/api/units/${UNIT_ID}/census`);
    expect(requests[0].init?.method).toBe('PUT');
    expect(requests[0].init?.body).toBe('{"occupied":3,"blocked":1}');
    expect(first.get('if-match')).toBe('"7"');
    expect(first.get('content-type')).toBe('application/json');
    expect(first.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.get('idempotency-key')).not.toBe(first.get('idempotency-key'));
  });

  it('sends no Idempotency-Key on a read', async () => {
    const requests = answering({ status: 200, body: [] });
    await new ApiClient('t').call(listCapacityUnits, {});
    expect(new Headers(requests[0].init?.headers).has('idempotency-key')).toBe(false);
  });

  it('calls a public route without a token when it has none', async () => {
    const requests = answering({ status: 200, body: { token: 'a.b.c' } });
    await expect(new ApiClient('').call(requestDevToken, { body: { role: 'intake' } })).resolves.toEqual({
      token: 'a.b.c',
    });
    expect(requests[0].url).toBe('/api/dev/token');
    expect(new Headers(requests[0].init?.headers).has('authorization')).toBe(false);
  });

  it('explains a gateway without the development sign-in as not available', async () => {
    answering({
      status: 404,
      contentType: 'application/problem+json',
      body: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'Cannot POST /api/dev/token' },
    });
    const error = await new ApiClient('')
      .call(requestDevToken, { body: { role: 'intake' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'not-available', status: 404 });
  });

  it("hands a download the raw answer of the route's request", async () => {
    const requests = answering({ status: 200, body: 'group;days\n', contentType: 'text/csv' });
    const response = await new ApiClient('t').raw(
      getUtilizationReport,
      { query: { from: '2026-01-01', to: '2026-02-01', groupBy: 'category', format: 'csv' } },
      { accept: 'text/csv' },
    );
    await expect(response.text()).resolves.toBe('group;days\n');
    expect(requests[0].url).toBe(
      '/api/capacity/reports/utilization?from=2026-01-01&to=2026-02-01&groupBy=category&format=csv',
    );
    expect(new Headers(requests[0].init?.headers).get('accept')).toBe('text/csv');
  });

  it('turns a refused download into the same ApiError as a refused call', async () => {
    answering({
      status: 400,
      contentType: 'application/problem+json',
      body: { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'from: must be a date' },
    });
    const error = await new ApiClient('t')
      .raw(getUtilizationReport, { query: { from: 'x', to: 'y', format: 'csv' } }, { accept: 'text/csv' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'invalid', status: 400, detail: 'from: must be a date' });
  });
});
