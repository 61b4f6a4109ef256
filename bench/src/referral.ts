/**
 * Referral → visible: from the 2xx of `POST /api/intake/referrals` through the gateway to the moment a
 * subscribed socket.io client receives its category's `capacity:changed` with `waiting` risen to include it
 * (intake outbox → Kafka → the capacity service's referral consumer → outbox → Kafka → gateway → socket),
 * and to the moment an intake user's socket receives the referral's `intake:changed` (what puts it on the
 * Inntak page: intake outbox → Kafka → gateway → socket).
 * Under the latency step's load: occupancy writes at each of its rates on units of every category, and
 * its background clients subscribed to the city and a category, which every such change reaches too.
 *
 * Matching is exact because every category has at most one referral whose change has not been seen: its
 * waiting count after the referral is known (one more), and no referral leaves the list during the run.
 */
import {
  admitResident,
  ContractProblem,
  contractRequest,
  createReferral,
  readContractResponse,
  type CapacityChangedData,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SubscribeAck,
} from '@plass/contracts';
import { SERVICE_CATEGORY_CODES, type ServiceCategoryCode } from '@plass/domain';
import { signDevToken } from '@plass/auth';
import { io, type Socket } from 'socket.io-client';
import { now, sleep } from './clock';
import type { BenchContext } from './context';
import { LiveFarm } from './live/farm';
import { paced } from './pacer';
import { log } from './progress';
import { summarize, type Distribution } from './stats';
import { registerUnits } from './world';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Referrals per second: far above what intake registers, far below the occupancy writes beside them. */
export const REFERRAL_RATE = 5;

interface Referral {
  expectedWaiting: number;
  respondedAt?: number;
  changeAt?: number;
  step: Recorder;
}

interface CategorySlot {
  category: ServiceCategoryCode;
  waiting: number;
  inFlight: Referral | null;
}

class Recorder {
  issued = 0;
  ok = 0;
  skipped = 0;
  errors = new Map<string, number>();
  latencies: number[] = [];
  responses: number[] = [];
  toIntakePage: number[] = [];

  error(what: string): void {
    this.errors.set(what, (this.errors.get(what) ?? 0) + 1);
  }
}

export interface ReferralStep {
  /** Occupancy writes per second beside the referrals (the latency step's rate). */
  writeRate: number;
  referralRate: number;
  issued: number;
  ok: number;
  errors: Record<string, number>;
  writeErrors: number;
  /** Due referrals not sent because every category still waited for its previous change. */
  skipped: number;
  /** Referrals answered 2xx whose change had not arrived when the step's wait ended. */
  unseen: number;
  /** 2xx → `capacity:changed` of the category with `waiting` risen. */
  latencyMs: Distribution;
  /** 2xx → the referral's `intake:changed` on an intake user's socket (the Inntak page's waiting list). */
  toIntakePageMs: Distribution;
  /** Request sent → 2xx. */
  responseMs: Distribution;
}

export interface ReferralResult {
  units: number;
  clients: number;
  steps: ReferralStep[];
}

export async function measureReferralVisible(ctx: BenchContext): Promise<ReferralResult> {
  const { latency } = ctx.mode;
  const gatewayUrl = ctx.stack.gatewayUrl;
  log('referral', `registering ${latency.units} units for the occupancy load`);
  const units = await registerUnits(
    gatewayUrl,
    await ctx.adminToken(),
    latency.units,
    20,
    1000,
    'Henvisning',
  );
  const staffToken = await ctx.staffToken([...new Set(units.map((u) => u.institutionId))]);
  const intakeToken = await signDevToken({ roles: ['intake'], institutionIds: [], districtCode: null });
  const readerToken = await ctx.readerToken();

  const slots = new Map<string, CategorySlot>();
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
    if (!slot || change.waiting === undefined) return;
    const t = now();
    slot.waiting = Math.max(slot.waiting, change.waiting);
    const r = slot.inFlight;
    if (r && r.changeAt === undefined && change.waiting >= r.expectedWaiting) {
      r.changeAt = t;
      complete(slot);
    }
  });
  // The Inntak page's feed: every referral reaches an intake user's socket as `intake:changed`.
  const intakeSocket: LiveSocket = io(`${gatewayUrl}/live`, {
    auth: { token: intakeToken },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    intakeSocket.once('connect', () => resolve());
    intakeSocket.once('connect_error', reject);
  });
  /** By referral id: when its 2xx came (with its step) or when its push came, whichever was first. */
  const answered = new Map<string, { at: number; step: Recorder }>();
  const pushed = new Map<string, number>();
  intakeSocket.on('intake:changed', (change) => {
    const t = now();
    const answer = answered.get(change.id);
    if (answer) {
      answer.step.toIntakePage.push(Math.max(0, t - answer.at));
      answered.delete(change.id);
    } else if (change.sequence === 1) {
      pushed.set(change.id, t);
    }
  });
  function onAnswer(id: string, at: number, step: Recorder): void {
    const pushedAt = pushed.get(id);
    if (pushedAt === undefined) answered.set(id, { at, step });
    else {
      step.toIntakePage.push(Math.max(0, pushedAt - at));
      pushed.delete(id);
    }
  }

  for (const category of SERVICE_CATEGORY_CODES) {
    const ack = (await measuring
      .timeout(10_000)
      .emitWithAck('subscribe', { scope: 'category', id: category })) as SubscribeAck;
    if (!ack.ok) throw new Error(`cannot subscribe to category ${category}: ${ack.error}`);
    slots.set(`category:${category}`, { category, waiting: ack.snapshot.waiting ?? 0, inFlight: null });
  }

  const background = latency.clients - 1;
  const farm = new LiveFarm('referral-farm');
  const connected = await farm.connect({
    url: gatewayUrl,
    token: readerToken,
    count: background,
    scopeSets: SERVICE_CATEGORY_CODES.map((c) => [{ scope: 'city' }, { scope: 'category', id: c }]),
    concurrency: 20,
    timeoutMs: 10_000,
  });
  log('referral', `${connected.connected} background clients on city + a category`);

  function complete(slot: CategorySlot): void {
    const r = slot.inFlight;
    if (!r || r.respondedAt === undefined || r.changeAt === undefined) return;
    r.step.latencies.push(Math.max(0, r.changeAt - r.respondedAt));
    slot.inFlight = null;
  }

  const all = [...slots.values()];
  let cursor = 0;
  function refer(step: Recorder): void {
    const slot = all.map((_, i) => all[(cursor + i) % all.length]).find((s) => !s.inFlight);
    cursor = (cursor + 1) % all.length;
    if (!slot) {
      step.skipped += 1;
      return;
    }
    const request = contractRequest(createReferral, {
      body: { districtCode: '030103', categories: [slot.category], urgency: 'planned' },
    });
    const r: Referral = { expectedWaiting: slot.waiting + 1, step };
    slot.inFlight = r;
    step.issued += 1;
    const sentAt = now();
    fetch(`${gatewayUrl}${request.url}`, {
      method: request.method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${intakeToken}` },
      body: request.body,
      signal: AbortSignal.timeout(30_000),
    }).then(
      async (response) => {
        const t = now();
        try {
          const created = await readContractResponse(createReferral, response);
          onAnswer(created.id, t, step);
        } catch (error) {
          step.error(error instanceof ContractProblem ? `HTTP ${error.status}` : String(error));
          if (error instanceof ContractProblem && slot.inFlight === r) slot.inFlight = null;
          return;
        }
        r.respondedAt = t;
        step.ok += 1;
        step.responses.push(t - sentAt);
        complete(slot);
      },
      (error: unknown) => step.error((error as Error).name),
    );
  }

  let writeErrors = 0;
  let unitCursor = 0;
  function admit(): void {
    const unit = units[unitCursor++ % units.length];
    const request = contractRequest(admitResident, {
      params: { unitId: unit.unitId },
      body: { referringDistrictCode: '030103' },
    });
    fetch(`${gatewayUrl}${request.url}`, {
      method: request.method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staffToken}` },
      body: request.body,
      signal: AbortSignal.timeout(30_000),
    }).then(
      (response) => {
        if (!response.ok) writeErrors += 1;
        return response.arrayBuffer();
      },
      () => (writeErrors += 1),
    );
  }

  const steps: ReferralStep[] = [];
  try {
    for (const writeRate of latency.rates) {
      if (ctx.remainingMs() < latency.durationMs + 30_000) {
        log('referral', `skipping ${writeRate} writes/s: the time budget is spent`);
        continue;
      }
      const step = new Recorder();
      writeErrors = 0;
      await Promise.all([
        paced(writeRate, latency.durationMs, () => admit()),
        paced(REFERRAL_RATE, latency.durationMs, () => refer(step)),
      ]);
      const deadline = Date.now() + ctx.mode.settleMs;
      while (all.some((s) => s.inFlight) && Date.now() < deadline) await sleep(20);
      const unseen = all.filter(
        (s) => s.inFlight?.step === step && s.inFlight.respondedAt !== undefined,
      ).length;
      for (const s of all) if (s.inFlight?.step === step) s.inFlight = null;
      const result: ReferralStep = {
        writeRate,
        referralRate: REFERRAL_RATE,
        issued: step.issued,
        ok: step.ok,
        errors: Object.fromEntries(step.errors),
        writeErrors,
        skipped: step.skipped,
        unseen,
        latencyMs: summarize(step.latencies),
        toIntakePageMs: summarize(step.toIntakePage),
        responseMs: summarize(step.responses),
      };
      steps.push(result);
      log(
        'referral',
        `${writeRate} writes/s + ${REFERRAL_RATE} referrals/s: p50 ${result.latencyMs.p50} ms, ` +
          `p99 ${result.latencyMs.p99} ms; to the Inntak page p50 ${result.toIntakePageMs.p50} ms, ` +
          `p99 ${result.toIntakePageMs.p99} ms (${result.latencyMs.count} matched, ${result.skipped} skipped, ` +
          `${unseen} unseen, errors ${JSON.stringify(result.errors)}, ${writeErrors} write errors)`,
      );
      await sleep(1000);
    }
  } finally {
    measuring.disconnect();
    intakeSocket.disconnect();
    await farm.close();
  }
  return { units: units.length, clients: latency.clients, steps };
}
