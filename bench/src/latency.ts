/**
 * End-to-end latency: from the 2xx of a REST write (an admission or a discharge, alternating on each unit)
 * through the gateway to the moment a subscribed socket.io client receives that unit's `capacity:changed`,
 * at fixed write rates with the other clients subscribed to the city and the categories.
 *
 * Matching is exact because every unit has at most one write whose change has not been seen: the unit's
 * next state is known (occupied ± 1), and the first pushed state of that unit with a newer version and
 * that count is the write's. A due write finds an idle unit among many; if none is idle (the system is
 * that far behind) the write is counted as skipped, which only happens under overload.
 */
import {
  admitResident,
  ContractProblem,
  contractRequest,
  dischargeResident,
  readContractResponse,
  ResponseContractViolation,
  type CapacityChangedData,
  type ClientToServerEvents,
  type RouteResponse,
  type ServerToClientEvents,
  type SubscribeAck,
} from '@plass/contracts';
import { SERVICE_CATEGORY_CODES } from '@plass/domain';
import { io, type Socket } from 'socket.io-client';
import { now, sleep } from './clock';
import type { BenchContext } from './context';
import { LiveFarm } from './live/farm';
import { measureMachine, type MachineLoad } from './machine';
import { readProcess, type ProcessFigures } from './metrics';
import { paced } from './pacer';
import { every, log } from './progress';
import { round, summarize, type Distribution } from './stats';
import { inPool, registerUnits } from './world';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Write {
  kind: 'admission' | 'discharge';
  expected: number;
  versionAtSend: number;
  sentAt: number;
  respondedAt?: number;
  changeAt?: number;
  /** When the capacity service's transaction that applied the write began (the payload's updatedAt). */
  appliedAt?: number;
  stayId?: string;
  step: StepRecorder;
}

interface Slot {
  unitId: string;
  key: string;
  occupied: number;
  lastVersion: number;
  stayId: string | null;
  inFlight: Write | null;
}

class StepRecorder {
  issued = 0;
  ok = 0;
  skipped = 0;
  errors = new Map<string, number>();
  latencies: number[] = [];
  responses: number[] = [];
  toApplied: number[] = [];
  appliedToClient: number[] = [];
  early = 0;

  error(what: string): void {
    this.errors.set(what, (this.errors.get(what) ?? 0) + 1);
  }
}

export interface LatencyStep {
  rate: number;
  durationMs: number;
  issued: number;
  achievedRate: number;
  ok: number;
  errors: Record<string, number>;
  /** Due writes not sent because every unit still waited for its previous change (overload). */
  skipped: number;
  /** Writes answered 2xx whose change had not arrived when the step's wait ended. */
  unseen: number;
  /** 2xx → capacity:changed at the client. */
  latencyMs: Distribution;
  /** Changes that reached the client before the bench had processed the 2xx (counted as 0 ms). */
  changeBeforeResponse: number;
  /** Request sent → 2xx. */
  responseMs: Distribution;
  /** 2xx → the capacity service's transaction began (relay, Kafka, consumer fetch and queue). */
  toCapacityMs: Distribution;
  /** Capacity transaction began → client (transaction, relay, Kafka, gateway, socket). */
  capacityToClientMs: Distribution;
  pacerLatenessP99Ms: number;
  backgroundMessages: number;
  machine: MachineLoad;
  gateway: ProcessFigures;
  cpuSeconds: Record<string, number>;
  /** CPU time each service spent per acknowledged write in the step (less distorted by other load than latency). */
  cpuMsPerWrite: Record<string, number>;
  /** CPU the background clients' process used (it shares the machine with the stack). */
  farmCpuSeconds: number;
}

export interface LatencyResult {
  units: number;
  clients: number;
  setupMs: number;
  clientsConnectMs: number;
  steps: LatencyStep[];
}

const SERVICES = ['institution-service', 'capacity-service', 'gateway'] as const;

async function cpuSeconds(ctx: BenchContext): Promise<Record<string, number>> {
  const entries = await Promise.all(
    SERVICES.map(async (s) => [s, (await readProcess(ctx.metricsUrlOf(s))).cpuSeconds] as const),
  );
  return Object.fromEntries(entries);
}

export async function measureLatency(ctx: BenchContext): Promise<LatencyResult> {
  const { latency } = ctx.mode;
  const gatewayUrl = ctx.stack.gatewayUrl;
  const setupStarted = Date.now();
  log('latency', `registering ${latency.units} units through the gateway`);
  const units = await registerUnits(gatewayUrl, await ctx.adminToken(), latency.units, 20, 1000, 'Bench');
  const staffToken = await ctx.staffToken([...new Set(units.map((u) => u.institutionId))]);
  const readerToken = await ctx.readerToken();

  const slots = new Map<string, Slot>();
  const measuring: LiveSocket = io(`${gatewayUrl}/live`, {
    auth: { token: readerToken },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    measuring.once('connect', () => resolve());
    measuring.once('connect_error', reject);
  });
  measuring.on('capacity:changed', (change: CapacityChangedData) => {
    const slot = slots.get(change.key);
    if (!slot) return;
    const t = now();
    if (change.version > slot.lastVersion) slot.lastVersion = change.version;
    const w = slot.inFlight;
    if (w && w.changeAt === undefined && change.version > w.versionAtSend) {
      if (change.totals.occupied === w.expected) {
        w.changeAt = t;
        w.appliedAt = Date.parse(change.updatedAt);
        complete(slot);
      }
    }
  });
  // The registrations reach the read model asynchronously: subscribe until each unit is known.
  await inPool(units, 20, async (unit) => {
    const key = `unit:${unit.unitId}`;
    for (let attempt = 0; attempt < 120; attempt++) {
      const ack = (await measuring
        .timeout(10_000)
        .emitWithAck('subscribe', { scope: 'unit', id: unit.unitId })) as SubscribeAck;
      if (ack.ok) {
        slots.set(key, {
          unitId: unit.unitId,
          key,
          occupied: ack.snapshot.totals.occupied,
          lastVersion: ack.snapshot.version,
          stayId: null,
          inFlight: null,
        });
        return;
      }
      await sleep(250);
    }
    throw new Error(`unit ${unit.unitId} never reached the read model`);
  });
  const setupMs = Date.now() - setupStarted;
  log('latency', `${units.length} units registered and subscribed in ${(setupMs / 1000).toFixed(1)} s`);

  const background = latency.clients - 1;
  const farm = new LiveFarm('latency-farm');
  farm.onProgress = (connected) => log('latency', `${connected}/${background} background clients connected`);
  const connected = await farm.connect({
    url: gatewayUrl,
    token: readerToken,
    count: background,
    scopeSets: SERVICE_CATEGORY_CODES.map((c) => [{ scope: 'city' }, { scope: 'category', id: c }]),
    concurrency: 20,
    timeoutMs: 10_000,
  });
  log(
    'latency',
    `${connected.connected} background clients on city + a category in ${(connected.ms / 1000).toFixed(1)} s` +
      (connected.failed ? ` (${connected.failed} failed: ${connected.firstError})` : ''),
  );

  function complete(slot: Slot): void {
    const w = slot.inFlight;
    if (!w || w.respondedAt === undefined || w.changeAt === undefined) return;
    const latencyMs = w.changeAt - w.respondedAt;
    if (latencyMs < 0) w.step.early += 1;
    w.step.latencies.push(Math.max(0, latencyMs));
    if (w.appliedAt !== undefined) {
      w.step.toApplied.push(w.appliedAt - w.respondedAt);
      w.step.appliedToClient.push(w.changeAt - w.appliedAt);
    }
    slot.occupied = w.expected;
    slot.stayId = w.kind === 'admission' ? (w.stayId ?? null) : null;
    slot.inFlight = null;
  }

  const all = [...slots.values()];
  let cursor = 0;
  function idleSlot(): Slot | null {
    for (let i = 0; i < all.length; i++) {
      const slot = all[(cursor + i) % all.length];
      if (!slot.inFlight) {
        cursor = (cursor + i + 1) % all.length;
        return slot;
      }
    }
    return null;
  }

  function write(step: StepRecorder): void {
    const slot = idleSlot();
    if (!slot) {
      step.skipped += 1;
      return;
    }
    const kind = slot.stayId ? 'discharge' : 'admission';
    // Built before the clock starts; the answer is parsed by its schema after `t` is taken.
    const params = { unitId: slot.unitId };
    const route = slot.stayId ? dischargeResident : admitResident;
    const request = slot.stayId
      ? contractRequest(dischargeResident, { params, body: { stayId: slot.stayId, reason: 'planned' } })
      : contractRequest(admitResident, { params, body: { referringDistrictCode: '030103' } });
    const w: Write = {
      kind,
      expected: slot.occupied + (kind === 'admission' ? 1 : -1),
      versionAtSend: slot.lastVersion,
      sentAt: now(),
      step,
    };
    slot.inFlight = w;
    step.issued += 1;
    fetch(`${gatewayUrl}${request.url}`, {
      method: request.method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staffToken}` },
      body: request.body,
      signal: AbortSignal.timeout(30_000),
    }).then(
      async (response) => {
        const t = now();
        let answer: RouteResponse<typeof route>;
        try {
          answer = await readContractResponse(route, response);
        } catch (error) {
          if (error instanceof ContractProblem) {
            step.error(`HTTP ${error.status}`);
            if (slot.inFlight === w) slot.inFlight = null;
          } else {
            // A 2xx that breaks the contract, or a cut body: maybe applied; the unit is left out.
            step.error(
              error instanceof ResponseContractViolation ? 'answer breaks the contract' : String(error),
            );
          }
          return;
        }
        w.respondedAt = t;
        step.ok += 1;
        step.responses.push(t - w.sentAt);
        if ('stayId' in answer) w.stayId = answer.stayId;
        complete(slot);
      },
      (error: unknown) => {
        // fetch's TypeError says only "fetch failed"; its cause names the socket error.
        const e = error as Error & { cause?: { code?: string; message?: string } };
        step.error(e.cause ? `${e.name}: ${e.cause.code ?? e.cause.message}` : e.name);
        // The write may or may not have happened: leave the unit out of the rest of the run.
      },
    );
  }

  async function settle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (all.some((s) => s.inFlight) && Date.now() < deadline) await sleep(20);
  }

  const steps: LatencyStep[] = [];
  try {
    log('latency', `warm-up: ${latency.warmupMs / 1000} s at 50 writes/s`);
    const warm = new StepRecorder();
    await paced(50, latency.warmupMs, () => write(warm));
    await settle(ctx.mode.settleMs);

    for (const rate of latency.rates) {
      if (ctx.remainingMs() < latency.durationMs + 30_000) {
        log('latency', `skipping ${rate}/s: the time budget is spent`);
        continue;
      }
      const step = new StepRecorder();
      const farmBefore = await farm.stats();
      const cpuBefore = await cpuSeconds(ctx);
      await readProcess(ctx.metricsUrlOf('gateway')); // resets the gateway's event-loop histogram
      const machine = measureMachine();
      const stop = every(2000, () => {
        const so = summarize(step.latencies);
        log(
          'latency',
          `${rate}/s: ${step.issued} sent, ${step.ok} ok, ${step.latencies.length} seen, p50 ${so.p50} ms, p99 ${so.p99} ms`,
        );
      });
      const pacer = await paced(rate, latency.durationMs, () => write(step));
      await settle(ctx.mode.settleMs);
      stop();
      const machineLoad = machine();
      const gateway = await readProcess(ctx.metricsUrlOf('gateway'));
      const cpuAfter = await cpuSeconds(ctx);
      const farmAfter = await farm.stats();
      const unseen = all.filter(
        (s) => s.inFlight?.step === step && s.inFlight.respondedAt !== undefined,
      ).length;
      // A unit whose change never came is written to again only after this reset.
      for (const s of all) {
        if (s.inFlight?.step === step) s.inFlight = null;
      }
      const result: LatencyStep = {
        rate,
        durationMs: latency.durationMs,
        issued: step.issued,
        achievedRate: round((step.issued / pacer.elapsedMs) * 1000),
        ok: step.ok,
        errors: Object.fromEntries(step.errors),
        skipped: step.skipped,
        unseen,
        latencyMs: summarize(step.latencies),
        changeBeforeResponse: step.early,
        responseMs: summarize(step.responses),
        toCapacityMs: summarize(step.toApplied),
        capacityToClientMs: summarize(step.appliedToClient),
        pacerLatenessP99Ms: summarize(pacer.lateness).p99,
        backgroundMessages: farmAfter.received - farmBefore.received,
        machine: machineLoad,
        gateway,
        cpuSeconds: Object.fromEntries(
          SERVICES.map((s) => [s, round(cpuAfter[s] - cpuBefore[s], 2)] as const),
        ),
        cpuMsPerWrite: Object.fromEntries(
          SERVICES.map(
            (s) => [s, round(((cpuAfter[s] - cpuBefore[s]) * 1000) / Math.max(1, step.ok), 2)] as const,
          ),
        ),
        farmCpuSeconds: round(
          (farmAfter.cpuUserMs + farmAfter.cpuSystemMs - farmBefore.cpuUserMs - farmBefore.cpuSystemMs) /
            1000,
          2,
        ),
      };
      steps.push(result);
      log(
        'latency',
        `${rate}/s done: p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, p99 ${result.latencyMs.p99} ms, ` +
          `max ${result.latencyMs.max} ms (${result.latencyMs.count} matched, ${result.skipped} skipped, ${unseen} unseen, ` +
          `errors ${JSON.stringify(result.errors)}); load ${machineLoad.loadavg[0]}, CPU busy ${machineLoad.cpuBusyPercent} %`,
      );
      await sleep(1000);
    }
  } finally {
    measuring.disconnect();
    await farm.close();
  }
  return { units: units.length, clients: latency.clients, setupMs, clientsConnectMs: connected.ms, steps };
}
