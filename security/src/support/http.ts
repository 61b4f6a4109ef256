/**
 * Raw HTTP for what fetch will not send: a body that is not JSON, a chosen Content-Length or chunked
 * encoding, a path left exactly as written, and a source address of our choosing on the loopback network
 * (127.0.0.2, …) so that a test has its own per-address rate limit.
 */
import http from 'node:http';
import type { ProblemDetails } from '@plass/contracts';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
}

export interface RawRequest {
  method: string;
  path: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  token?: string;
  /** Send the body chunked, without a Content-Length. */
  chunked?: boolean;
  localAddress?: string;
}

export function rawRequest(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const headers: Record<string, string> = {
    ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
    ...request.headers,
  };
  if (request.body !== undefined && !request.chunked) {
    headers['content-length'] = String(Buffer.byteLength(request.body));
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers,
        localAddress: request.localAddress,
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          if (/json/.test(res.headers['content-type'] ?? '')) {
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${request.method} ${request.path} timed out`)));
    req.on('error', reject);
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}

/** Asserts a clear refusal: a 4xx status, problem+json, and a detail that says something. */
export function expectClientProblem(response: RawResponse, status?: number): ProblemDetails {
  const context = `${response.status} ${response.text.slice(0, 300)}`;
  if (status !== undefined) expect({ status: response.status, context }).toEqual({ status, context });
  expect({ status: response.status >= 400 && response.status < 500, context }).toEqual({
    status: true,
    context,
  });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = response.json as ProblemDetails;
  expect(typeof problem.detail).toBe('string');
  expect(problem.detail.length).toBeGreaterThan(0);
  expect(problem.status).toBe(response.status);
  return problem;
}
