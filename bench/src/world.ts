/** Registers institutions and units through the gateway, as an admin would, with a few requests in flight. */
import {
  ContractProblem,
  registerInstitution,
  registerUnit,
  type ContractClient,
  type RouteContract,
  type RouteInput,
  type RouteResponse,
} from '@plass/contracts';
import {
  DISTRICT_CODES,
  PROVIDER_TYPES,
  SERVICE_CATEGORY_CODES,
  type ServiceCategoryCode,
} from '@plass/domain';
import { contractApi } from '@plass/testing';

export interface RegisteredUnit {
  unitId: string;
  institutionId: string;
  category: ServiceCategoryCode;
}

/**
 * POSTs, retried on a 502 from the gateway: its proxy can meet a kept-alive connection the service is
 * closing at that moment (ECONNRESET). A retried registration may register twice, which the bench ignores.
 */
async function post<R extends RouteContract>(
  client: ContractClient,
  route: R,
  input: RouteInput<R>,
): Promise<RouteResponse<R>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.call(route, input);
    } catch (error) {
      if (!(error instanceof ContractProblem && error.status === 502) || attempt >= 3) throw error;
    }
  }
}

/** Runs `task` for every item with at most `concurrency` at a time. */
export async function inPool<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

export async function registerUnits(
  gatewayUrl: string,
  adminToken: string,
  units: number,
  unitsPerInstitution: number,
  capacity: number,
  label: string,
): Promise<RegisteredUnit[]> {
  const admin = contractApi(gatewayUrl, adminToken);
  const institutionCount = Math.ceil(units / unitsPerInstitution);
  const institutions = await inPool(
    Array.from({ length: institutionCount }, (_, i) => i),
    4,
    (i) =>
      post(admin, registerInstitution, {
        body: {
          name: `${label} institusjon ${i + 1}`,
          providerType: PROVIDER_TYPES[i % PROVIDER_TYPES.length],
          districtCode: DISTRICT_CODES[i % DISTRICT_CODES.length],
        },
      }),
  );
  return inPool(
    Array.from({ length: units }, (_, i) => i),
    10,
    async (i) => {
      const institution = institutions[Math.floor(i / unitsPerInstitution)];
      const category = SERVICE_CATEGORY_CODES[i % SERVICE_CATEGORY_CODES.length];
      const unit = await post(admin, registerUnit, {
        params: { id: institution.id },
        body: { name: `${label} avdeling ${i + 1}`, category, capacity },
      });
      return { unitId: unit.id, institutionId: institution.id, category };
    },
  );
}
