/**
 * `npm run reconcile`: compares the capacity read model with the source through the gateway — every
 * unit's counts, closed flag and sequence, and the city's and each category's totals — and prints
 * any drift as a table. Exit code 0: no drift; 1: drift; 2: the stack could not be reached.
 *
 * A change still on its way through Kafka is not drift: differences are fetched again for up to
 * RECONCILE_SETTLE_MS (default 5000) and only those that persist are reported.
 *
 * Environment: GATEWAY_URL (http://localhost:8080), PLASS_TOKEN (a bearer token; by default a local
 * development token with the intake role), RECONCILE_SETTLE_MS.
 */
import { signDevToken } from '@plass/auth';
import {
  ContractProblem,
  ResponseContractViolation,
  getCapacitySummary,
  listCapacityUnits,
  listInstitutions,
  type ContractClient,
  type RouteContract,
  type RouteInput,
  type RouteResponse,
} from '@plass/contracts';
import { contractApi } from '@plass/testing';
import {
  compareTotals,
  compareUnits,
  formatDrift,
  formatTotalsDrift,
  sourceTotals,
  type Drift,
  type TotalsDrift,
  type TotalsView,
  type UnitView,
} from './drift';

/** The stack did not answer as it should; the message says what failed. */
export class Unreachable extends Error {}

type CategorisedUnit = UnitView & { category: string };

/** A read of the stack; a refusal or no answer at all is `Unreachable`, naming the route. */
async function read<R extends RouteContract>(
  api: ContractClient,
  gatewayUrl: string,
  route: R,
  input: RouteInput<R>,
): Promise<RouteResponse<R>> {
  try {
    return await api.call(route, input);
  } catch (error) {
    // An answer that breaks the contract is not an unreachable stack: main reports it as it is.
    if (error instanceof ResponseContractViolation) throw error;
    if (error instanceof ContractProblem) {
      const detail = error.problem?.detail ?? error.bodyText.slice(0, 200);
      throw new Unreachable(`${route.method} ${route.path} answered HTTP ${error.status}: ${detail}`);
    }
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new Unreachable(`cannot reach ${gatewayUrl} (${cause}) for ${route.path}`);
  }
}

async function readBothSides(api: ContractClient, gatewayUrl: string) {
  const [institutions, readModel, summary] = await Promise.all([
    read(api, gatewayUrl, listInstitutions, {}),
    read(api, gatewayUrl, listCapacityUnits, { query: { includeClosed: 'true' } }),
    read(api, gatewayUrl, getCapacitySummary, {}),
  ]);
  const source: CategorisedUnit[] = institutions.flatMap((institution) =>
    institution.units.map((u) => ({
      id: u.id,
      name: u.name,
      institutionName: institution.name,
      category: u.category,
      capacity: u.capacity,
      occupied: u.occupied,
      blocked: u.blocked,
      reserved: u.reserved,
      closed: u.closed,
      sequence: u.sequence,
    })),
  );
  const totals: TotalsView[] = [summary.city, ...summary.categories].map((s) => ({
    key: s.key,
    ...s.totals,
  }));
  return { source, readModel, totals };
}

export interface ReconcileResult {
  sourceUnits: number;
  readModelUnits: number;
  unitDrift: Drift[];
  totalsDrift: TotalsDrift[];
}

export interface ReconcileOptions {
  gatewayUrl: string;
  token: string;
  /** How long differences may take to settle (events in flight) before they count as drift. */
  settleMs: number;
}

export async function reconcile(options: ReconcileOptions): Promise<ReconcileResult> {
  const api = contractApi(options.gatewayUrl, options.token);
  const deadline = Date.now() + options.settleMs;
  for (;;) {
    const { source, readModel, totals } = await readBothSides(api, options.gatewayUrl);
    const result = {
      sourceUnits: source.length,
      readModelUnits: readModel.length,
      unitDrift: compareUnits(readModel, source),
      totalsDrift: compareTotals(
        totals.filter((t) => t.key === 'city' || t.key.startsWith('category:')),
        sourceTotals(source),
      ),
    };
    const clean = result.unitDrift.length === 0 && result.totalsDrift.length === 0;
    if (clean || Date.now() >= deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function main(): Promise<number> {
  const gatewayUrl = process.env.GATEWAY_URL ?? 'http://localhost:8080';
  const settleMs = Number(process.env.RECONCILE_SETTLE_MS ?? 5000);
  if (!Number.isFinite(settleMs) || settleMs < 0) {
    console.error('RECONCILE_SETTLE_MS must be a number of milliseconds');
    return 2;
  }
  console.log(`Reconciling the capacity read model with the institution service through ${gatewayUrl}`);
  try {
    const token =
      process.env.PLASS_TOKEN ??
      (await signDevToken({ roles: ['intake'], institutionIds: [], districtCode: null, sub: 'reconcile' }));
    const result = await reconcile({ gatewayUrl, token, settleMs });
    console.log(`Units: ${result.sourceUnits} in the source, ${result.readModelUnits} in the read model.`);
    if (result.unitDrift.length === 0 && result.totalsDrift.length === 0) {
      console.log('No drift: every unit and every total agrees.');
      return 0;
    }
    if (result.unitDrift.length > 0) {
      const units = new Set(result.unitDrift.map((d) => d.unitId)).size;
      console.log(`\nDrift in ${units} unit(s):\n${formatDrift(result.unitDrift)}`);
    }
    if (result.totalsDrift.length > 0) {
      console.log(`\nDrift in totals:\n${formatTotalsDrift(result.totalsDrift)}`);
    }
    console.log(
      '\nThe read model disagrees with the source. If it persists, stop the capacity service and run `npm run rebuild`.',
    );
    return 1;
  } catch (error) {
    if (error instanceof Unreachable) {
      console.error(
        `Cannot reconcile: ${error.message}.\nIs the stack running (npm start)? Set GATEWAY_URL to reach another one.`,
      );
      return 2;
    }
    const hint = process.env.PLASS_TOKEN ? '' : '\nSet PLASS_TOKEN to a bearer token with a reading role.';
    console.error(`Cannot reconcile: ${(error as Error).message}${hint}`);
    return 2;
  }
}

if (require.main === module) void main().then((code) => process.exit(code));
