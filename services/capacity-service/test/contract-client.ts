/** The typed client of the capacity contract for these tests: answers are parsed by each route's schema. */
import { contractClient, type ContractClient } from '@plass/contracts';

export function capacityClient(baseUrl: string, token: string): ContractClient {
  return contractClient({
    baseUrl,
    headers: () => ({ authorization: `Bearer ${token}` }),
    fetch: (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(30_000) }),
  });
}
