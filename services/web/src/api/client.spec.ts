import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { acknowledgeAlert, getCapacitySummary, listCapacityUnits } from '@plass/contracts/rest';
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
});
