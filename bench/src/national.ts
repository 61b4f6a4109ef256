/**
 * National scale: a generated registry of 50,000 units (about every municipality in Norway at Oslo's
 * density), registered by producing their `registered` events straight into the occupancy topic; then the
 * drain speed, the summary endpoint's latency through the gateway (and straight from the capacity
 * service, to tell the proxy's share), and the memory of every service.
 */
import { contractRequest, getCapacitySummary, readContractResponse } from '@plass/contracts';
import type { ServiceName } from '@plass/testing';
import { now } from './clock';
import type { BenchContext } from './context';
import { measureDrain, type DrainResult } from './drain';
import { readProcess, type ProcessFigures } from './metrics';
import { generateUnits, registeredEvent } from './occupancy-events';
import { log } from './progress';
import { summarize, type Distribution } from './stats';

export interface NationalResult {
  units: number;
  institutions: number;
  drain: DrainResult;
  quietAfterDrain: boolean;
  summaryBytes: number;
  summaryThroughGatewayMs: Distribution;
  summaryFromCapacityMs: Distribution;
  errors: number;
  memory: Partial<Record<ServiceName, ProcessFigures>>;
}

const summaryPath = contractRequest(getCapacitySummary, {}).url;
const decoder = new TextDecoder();

/** `GET /api/capacity/summary` from `baseUrl`, one at a time; each answer is parsed once its time is taken. */
async function timeSummaries(
  baseUrl: string,
  token: string,
  count: number,
  onError: () => void,
): Promise<{ times: number[]; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const started = now();
    const response = await fetch(`${baseUrl}${summaryPath}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
    const body = await response.arrayBuffer();
    times.push(now() - started);
    bytes = body.byteLength;
    // After the clock: the time is the system's, not zod's. A problem or a broken answer is an error.
    const text = decoder.decode(body);
    await readContractResponse(getCapacitySummary, {
      status: response.status,
      text: () => Promise.resolve(text),
    }).catch(onError);
  }
  return { times, bytes };
}

export async function measureNational(ctx: BenchContext, onDrained?: () => void): Promise<NationalResult> {
  const { national } = ctx.mode;
  const units = generateUnits(national.units, national.unitsPerInstitution, 'Nasjonal');
  const institutions = new Set(units.map((u) => u.institutionId)).size;
  log('national', `${units.length} units in ${institutions} institutions generated`);
  const drain = await measureDrain(ctx, {
    section: 'national',
    instances: 1,
    events: (function* () {
      for (const unit of units) yield registeredEvent(unit);
    })(),
    expected: units.length,
    timeoutMs: Math.min(180_000, Math.max(20_000, ctx.remainingMs() - 25_000)),
    onDrained,
  });
  const quietAfterDrain = drain.outboxSettleSeconds !== null;

  const token = await ctx.readerToken();
  let errors = 0;
  // Warm-up: the first requests pay for connections and JIT.
  await timeSummaries(ctx.stack.gatewayUrl, token, 20, () => undefined);
  log('national', `${national.summaryRequests} GET /api/capacity/summary through the gateway, one at a time`);
  const throughGateway = await timeSummaries(
    ctx.stack.gatewayUrl,
    token,
    national.summaryRequests,
    () => (errors += 1),
  );
  const direct = await timeSummaries(
    ctx.urlOf('capacity-service'),
    token,
    Math.ceil(national.summaryRequests / 2),
    () => (errors += 1),
  );
  const memory: Partial<Record<ServiceName, ProcessFigures>> = {};
  for (const service of ['institution-service', 'housing-service', 'capacity-service', 'gateway'] as const) {
    memory[service] = await readProcess(ctx.metricsUrlOf(service));
  }
  const result: NationalResult = {
    units: units.length,
    institutions,
    drain,
    quietAfterDrain,
    summaryBytes: throughGateway.bytes,
    summaryThroughGatewayMs: summarize(throughGateway.times),
    summaryFromCapacityMs: summarize(direct.times),
    errors,
    memory,
  };
  log(
    'national',
    `summary p50 ${result.summaryThroughGatewayMs.p50} ms, p99 ${result.summaryThroughGatewayMs.p99} ms through the gateway ` +
      `(capacity-service alone p99 ${result.summaryFromCapacityMs.p99} ms), ${errors} errors; ` +
      `capacity-service RSS ${memory['capacity-service']?.rssMiB} MiB`,
  );
  return result;
}
