/**
 * The contract's typed client for tests and tools: `contractApi(gatewayUrl, token).call(route, input)`
 * builds the request from the route and parses the answer with its schema (docs/decisions/0150). A
 * request without its own signal gives up after 30 s, as `ApiClient` does.
 */
import { contractClient, type ContractClient } from '@plass/contracts';

export function contractApi(baseUrl: string, token?: string, timeoutMs = 30_000): ContractClient {
  return contractClient({
    // `new URL(path, baseUrl)` joined them before: a trailing slash or a path on the base was dropped.
    baseUrl: new URL(baseUrl).origin,
    headers: (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {}),
    fetch: (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) }),
  });
}
