/**
 * Capacity-service drain: with the service stopped, N events are produced straight into the stack's
 * institution.occupancy.v1; then the service starts (one instance, or two in one consumer group) and the
 * clock runs until the group's lag is 0, i.e. every event is applied and its offset committed after the
 * read model's transaction. The rate is N over the time from the last poll that saw no progress to lag 0,
 * so the services' boot (run from TypeScript source) is reported apart from it.
 */
import net from 'node:net';
import { TOPICS } from '@plass/contracts';
import type { OutgoingMessage } from '@plass/messaging';
import { ExtraCapacityInstance } from './capacity-instance';
import { now, sleep } from './clock';
import { CAPACITY_GROUP, type BenchContext } from './context';
import { measureMachine, type MachineLoad } from './machine';
import { readProcess, type ProcessFigures } from './metrics';
import { produceAll } from './occupancy-events';
import { log } from './progress';
import { round } from './stats';

export interface DrainResult {
  instances: number;
  events: number;
  /** Producing the events (EventProducer, chunks of 2,000), events/s: Kafka's intake on this machine. */
  produceEventsPerSecond: number;
  /** Start of the service(s) → lag 0, including the boot. */
  startToZeroSeconds: number;
  /** Last poll without progress → lag 0. */
  drainSeconds: number;
  eventsPerSecond: number;
  /** Lag 0 → the capacity outbox published every capacity.changed the drain produced. */
  outboxSettleSeconds: number | null;
  capacity: ProcessFigures[];
  machine: MachineLoad;
  completed: boolean;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let extra: ExtraCapacityInstance | null = null;

async function secondInstance(ctx: BenchContext): Promise<ExtraCapacityInstance> {
  extra ??= new ExtraCapacityInstance(ctx.stack, await freePort(), ctx.logDir);
  return extra;
}

export async function stopSecondInstance(): Promise<void> {
  await extra?.stop();
}

export interface DrainOptions {
  section: string;
  instances: 1 | 2;
  events: Iterable<OutgoingMessage>;
  expected: number;
  timeoutMs: number;
  /** Called when lag reached 0 (the profiler's dump). */
  onDrained?: () => void;
}

export async function measureDrain(ctx: BenchContext, options: DrainOptions): Promise<DrainResult> {
  const { section } = options;
  if (!(await ctx.waitQuiet(60_000, section))) log(section, 'the stack was not quiet after 60 s; going on');
  await ctx.stack.kill('capacity-service', 'SIGTERM');
  await stopSecondInstance();
  const before = await ctx.lag.lag(CAPACITY_GROUP, TOPICS.institutionOccupancy);
  log(section, `capacity-service stopped; producing ${options.expected} events`);
  let lastLog = 0;
  const produced = await produceAll(ctx.producer, options.events, (sent) => {
    if (Date.now() - lastLog > 2000) {
      lastLog = Date.now();
      log(section, `${sent}/${options.expected} events produced`);
    }
  });
  const lagAtStart = await ctx.lag.lag(CAPACITY_GROUP, TOPICS.institutionOccupancy);
  const events = lagAtStart - before;
  const produceEventsPerSecond = round((produced.sent / produced.ms) * 1000);
  log(
    section,
    `${produced.sent} events produced at ${produceEventsPerSecond}/s; starting ${options.instances} instance(s)`,
  );

  const machine = measureMachine();
  const startedAt = now();
  const second = options.instances === 2 ? await secondInstance(ctx) : null;
  const starting = Promise.all([ctx.stack.startService('capacity-service'), second?.start()]);
  let startError: unknown = null;
  starting.catch((error: unknown) => {
    startError = error;
  });
  let lastFullAt = startedAt;
  let zeroAt: number | null = null;
  let lastLag = lagAtStart;
  let lastReport = Date.now();
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline && startError === null) {
    const t = now();
    const lag = await ctx.lag.lag(CAPACITY_GROUP, TOPICS.institutionOccupancy);
    lastLag = lag;
    if (lag >= lagAtStart) lastFullAt = t;
    if (lag === 0) {
      zeroAt = now();
      break;
    }
    if (Date.now() - lastReport > 2000) {
      lastReport = Date.now();
      log(section, `lag ${lag} of ${lagAtStart}`);
    }
    await sleep(100);
  }
  if (startError) throw startError as Error;
  options.onDrained?.();
  await starting;
  const machineLoad = machine();
  const completed = zeroAt !== null;
  const end = zeroAt ?? now();
  const drainMs = end - lastFullAt;
  const settleStarted = now();
  const settled = completed ? await ctx.waitQuiet(60_000, section) : false;
  const capacityUrls = [ctx.urlOf('capacity-service'), ...(second ? [second.url] : [])];
  const result: DrainResult = {
    instances: options.instances,
    events,
    produceEventsPerSecond,
    startToZeroSeconds: round((end - startedAt) / 1000, 2),
    drainSeconds: round(drainMs / 1000, 2),
    eventsPerSecond: round(((lagAtStart - lastLag) / drainMs) * 1000),
    outboxSettleSeconds: settled ? round((now() - settleStarted) / 1000, 1) : null,
    capacity: await Promise.all(capacityUrls.map((u) => readProcess(u))),
    machine: machineLoad,
    completed,
  };
  log(
    section,
    completed
      ? `${events} events applied in ${result.drainSeconds} s: ${result.eventsPerSecond} events/s with ${options.instances} instance(s) ` +
          `(${result.startToZeroSeconds} s from start, boot included); load ${machineLoad.loadavg[0]}`
      : `not drained within ${options.timeoutMs / 1000} s`,
  );
  return result;
}
