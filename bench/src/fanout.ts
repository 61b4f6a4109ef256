/**
 * Gateway fan-out: how many clients one gateway holds and what each costs (its process's resident and
 * heap memory before and after they connect, as its /metrics reports them), its event-loop lag, and the
 * time until every one of them received one change. The clients live in child processes (client farms)
 * so decoding thousands of pushed messages does not stall the bench's clock.
 */
import { admitResident, ContractProblem, dischargeResident, getCapacitySnapshot } from '@plass/contracts';
import { DISTRICT_CODES } from '@plass/domain';
import { contractApi } from '@plass/testing';
import { now, sleep } from './clock';
import type { BenchContext } from './context';
import { LiveFarm } from './live/farm';
import { measureMachine, type MachineLoad } from './machine';
import { collectGarbage } from './profile/control';
import { readProcess, type ProcessFigures } from './metrics';
import { log } from './progress';
import { median, round, summarize, type Distribution } from './stats';
import { registerUnits } from './world';

export interface FanoutResult {
  clients: number;
  connected: number;
  failed: number;
  farms: number;
  connectSeconds: number;
  before: { rssMiB: number; heapUsedMiB: number };
  after: { rssMiB: number; heapUsedMiB: number };
  rssKiBPerClient: number;
  heapKiBPerClient: number;
  /** 2xx of the write → the last of all clients received the change. */
  allReceivedMs: Distribution;
  /** 2xx → the first client received it. */
  firstReceivedMs: Distribution;
  /** First client → last client: the fan-out itself. */
  spreadMs: Distribution;
  incomplete: number;
  gatewayDuringChanges: ProcessFigures;
  /** Gateway CPU time per change pushed to every client: what the fan-out costs, whoever else is busy. */
  gatewayCpuMsPerChange: number;
  farmCpuSeconds: number;
  machine: MachineLoad;
}

/**
 * The gateway's memory after a full garbage collection (the bench's preload runs one on SIGPWR), as
 * the median of three scrapes: what the clients keep alive, not garbage the collector has not reached.
 */
async function memory(url: string): Promise<{ rssMiB: number; heapUsedMiB: number }> {
  collectGarbage(Number(new URL(url).port));
  await sleep(1000);
  const samples: ProcessFigures[] = [];
  for (let i = 0; i < 3; i++) {
    samples.push(await readProcess(url));
    await sleep(500);
  }
  return {
    rssMiB: round(median(samples.map((s) => s.rssMiB))),
    heapUsedMiB: round(median(samples.map((s) => s.heapUsedMiB))),
  };
}

export async function measureFanout(ctx: BenchContext): Promise<FanoutResult> {
  const { fanout } = ctx.mode;
  const gatewayUrl = ctx.stack.gatewayUrl;
  // One unit in every district, so that every district a client subscribes to has numbers.
  const units = await registerUnits(
    gatewayUrl,
    await ctx.adminToken(),
    DISTRICT_CODES.length,
    1,
    1000,
    'Fan-out',
  );
  const unit = units[0];
  const staff = contractApi(gatewayUrl, await ctx.staffToken([unit.institutionId]));
  const reader = contractApi(gatewayUrl, await ctx.readerToken());
  // A unit's snapshot is a 404 problem until the read model has the unit.
  const inReadModel = (unitId: string) =>
    reader.call(getCapacitySnapshot, { query: { scope: 'unit', id: unitId } }).then(
      () => true,
      (error: unknown) => {
        if (error instanceof ContractProblem) return false;
        throw error;
      },
    );
  for (const u of units) {
    const deadline = Date.now() + 30_000;
    while (!(await inReadModel(u.unitId))) {
      if (Date.now() > deadline) throw new Error(`unit ${u.unitId} did not reach the read model in 30 s`);
      await sleep(200);
    }
  }
  await ctx.waitQuiet(30_000, 'fan-out');
  await sleep(2000);
  const before = await memory(ctx.metricsUrlOf('gateway'));
  log('fan-out', `gateway before: RSS ${before.rssMiB} MiB, heap ${before.heapUsedMiB} MiB`);

  const readerToken = await ctx.readerToken();
  const farms = Array.from({ length: fanout.farms }, (_, i) => new LiveFarm(`fan-out-farm-${i + 1}`));
  const perFarm = Math.ceil(fanout.clients / fanout.farms);
  const progress = new Array<number>(farms.length).fill(0);
  farms.forEach((farm, i) => {
    farm.onProgress = (connected) => {
      progress[i] = connected;
      if (i === 0)
        log('fan-out', `${progress.reduce((a, b) => a + b, 0)}/${fanout.clients} clients connected`);
    };
  });
  const connectStarted = Date.now();
  const connects = await Promise.all(
    farms.map((farm, i) =>
      farm.connect({
        url: gatewayUrl,
        token: readerToken,
        count: Math.min(perFarm, fanout.clients - i * perFarm),
        // A dashboard's subscriptions: the city and one district.
        scopeSets: DISTRICT_CODES.map((d) => [{ scope: 'city' }, { scope: 'district', id: d }]),
        concurrency: 25,
        timeoutMs: 15_000,
      }),
    ),
  );
  const connectSeconds = round((Date.now() - connectStarted) / 1000);
  const connected = connects.reduce((n, c) => n + c.connected, 0);
  const failed = connects.reduce((n, c) => n + c.failed, 0);
  log(
    'fan-out',
    `${connected} clients connected and subscribed in ${connectSeconds} s` +
      (failed ? ` (${failed} failed: ${connects.find((c) => c.firstError)?.firstError})` : ''),
  );
  try {
    await sleep(2000);
    const after = await memory(ctx.metricsUrlOf('gateway'));
    const rssKiBPerClient = round(((after.rssMiB - before.rssMiB) * 1024) / Math.max(1, connected));
    const heapKiBPerClient = round(
      ((after.heapUsedMiB - before.heapUsedMiB) * 1024) / Math.max(1, connected),
    );
    log(
      'fan-out',
      `gateway after: RSS ${after.rssMiB} MiB, heap ${after.heapUsedMiB} MiB: ${rssKiBPerClient} KiB RSS, ${heapKiBPerClient} KiB heap per client`,
    );

    const farmCpuBefore = await Promise.all(farms.map((f) => f.stats()));
    const gatewayBefore = await readProcess(ctx.metricsUrlOf('gateway')); // also resets the event-loop histogram
    const machine = measureMachine();
    const all: number[] = [];
    const first: number[] = [];
    const spread: number[] = [];
    let incomplete = 0;
    let stayId: string | null = null;
    // Change 0 warms the path (the first push to 2,000 fresh sockets) and is not counted.
    for (let i = -1; i < fanout.changes && ctx.remainingMs() > 30_000; i++) {
      await Promise.all(farms.map((f) => f.arm('city')));
      if (stayId) {
        await staff.call(dischargeResident, {
          params: { unitId: unit.unitId },
          body: { stayId, reason: 'planned' },
        });
        stayId = null;
      } else {
        const admitted = await staff.call(admitResident, {
          params: { unitId: unit.unitId },
          body: { referringDistrictCode: '030103' },
        });
        stayId = admitted.stayId;
      }
      const respondedAt = now();
      const collected = await Promise.all(farms.map((f) => f.collect(10_000)));
      const times = collected.flatMap((c) => c.times);
      const missing = collected.reduce((n, c) => n + c.missing, 0);
      if (i < 0) {
        log('fan-out', `warm-up change: ${times.length} clients had it, ${missing} missing`);
      } else if (missing > 0 || times.length === 0) {
        incomplete += 1;
        log('fan-out', `change ${i + 1}: ${missing} clients did not receive it within 10 s`);
      } else {
        const last = Math.max(...times);
        const firstAt = Math.min(...times);
        all.push(last - respondedAt);
        first.push(firstAt - respondedAt);
        spread.push(last - firstAt);
        log(
          'fan-out',
          `change ${i + 1}: all ${times.length} clients had it ${round(last - respondedAt)} ms after the 2xx ` +
            `(first ${round(firstAt - respondedAt)} ms, spread ${round(last - firstAt)} ms)`,
        );
      }
      await sleep(300);
    }
    const gatewayDuringChanges = await readProcess(ctx.metricsUrlOf('gateway'));
    const farmCpuAfter = await Promise.all(farms.map((f) => f.stats()));
    const farmCpuSeconds = round(
      farmCpuAfter.reduce(
        (s, a, i) =>
          s + a.cpuUserMs + a.cpuSystemMs - farmCpuBefore[i].cpuUserMs - farmCpuBefore[i].cpuSystemMs,
        0,
      ) / 1000,
      2,
    );
    return {
      clients: fanout.clients,
      connected,
      failed,
      farms: farms.length,
      connectSeconds,
      before,
      after,
      rssKiBPerClient,
      heapKiBPerClient,
      allReceivedMs: summarize(all),
      firstReceivedMs: summarize(first),
      spreadMs: summarize(spread),
      incomplete,
      gatewayDuringChanges,
      gatewayCpuMsPerChange: round(
        ((gatewayDuringChanges.cpuSeconds - gatewayBefore.cpuSeconds) * 1000) /
          Math.max(1, all.length + incomplete),
      ),
      farmCpuSeconds,
      machine: machine(),
    };
  } finally {
    await Promise.all(farms.map((f) => f.close()));
  }
}
