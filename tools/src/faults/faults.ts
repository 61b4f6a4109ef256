/**
 * The faults, each injected under a steady mixed load: the load runs, the fault is injected and healed,
 * the load goes on for a little while and stops, the system goes quiet, and the invariant is checked.
 * Recovery time is measured from the moment the fault was healed (the killed process started again,
 * the broker, database or cache back up) until the read model held every write acknowledged until then — or, for the faults
 * that concern clients or dead letters, until those had recovered too.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ContractProblem,
  deadLetterTopic,
  getCapacitySummary,
  TOPICS,
  unitOccupancyChanged,
} from '@plass/contracts';
import { EventProducer, SERVICE_ACCESS } from '@plass/messaging';
import { contractApi, startKafkaProbe } from '@plass/testing';
import { Client } from 'pg';
import { CONSUMER_GROUP_PREFIX } from '../capacity/read-model';
import {
  checkInvariant,
  checkOffers,
  gatewayUrl,
  sql,
  waitForQuiet,
  type Database,
  type FaultContext,
  type InvariantResult,
} from './invariant';
import { FORGED_UNAUTHENTICATED, FORGED_UNAUTHORIZED } from './rows/forged-events';
import { REFUSED_MESSAGE } from './rows/refused-message';
import { TOKEN_EXPIRY } from './rows/token-expiry';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Writes per second of the steady load. */
export const LOAD_PER_SECOND = 4;
/** Load before the fault is injected, and after it is healed. */
const WARM_UP_MS = 2000;
const AFTER_HEAL_MS = 3000;
/** The outbox relay's advisory lock (libs/messaging/src/outbox/outbox.relay.ts, RELAY_LOCK): one relay at a time. */
const OUTBOX_RELAY_LOCK = 0x706c6173;

export interface Injected {
  /** When the fault was healed. */
  healedAt: number;
  /** Something beyond the read model that must have recovered too (clients, dead letters). */
  recovered?: () => Promise<boolean>;
  /** What is still under way once healed (a restart): recovery is measured meanwhile. */
  settling?: Promise<void>;
  /** Checks to run after the invariant, once the system is quiet. */
  afterQuiet?: () => Promise<void>;
}

export interface FaultSpec {
  key: string;
  title: string;
  inject(ctx: FaultContext, notes: string[], problems: string[]): Promise<Injected>;
}

export interface FaultRow extends InvariantResult {
  key: string;
  fault: string;
  recoveryMs: number | null;
  quietMs: number | null;
  durationMs: number;
  passed: boolean;
  notes: string[];
}

/** Polls the read model until it holds every write acknowledged up to `healedAt` (bounded). */
async function measureRecovery(
  ctx: FaultContext,
  healedAt: number,
  recovered: (() => Promise<boolean>) | undefined,
  notes: string[],
  timeoutMs = 120_000,
): Promise<number | null> {
  const targets = ctx.load.ackedTargets();
  const unitIds = [...targets.units.keys()];
  const dwellingIds = [...targets.dwellings.keys()];
  let published = false;
  while (Date.now() - healedAt < timeoutMs) {
    try {
      if (!published) {
        // Where the time goes: first the sources' relays publish what piled up, then the read model applies it.
        const pending = (await pendingRows(ctx, 'institution')).n + (await pendingRows(ctx, 'housing')).n;
        if (pending === 0) {
          published = true;
          const after = Date.now() - healedAt;
          if (after >= 1000) {
            notes.push(`the sources' outboxes were empty ${seconds(after)} after the fault was healed`);
          }
        }
      }
      const [units, dwellings] = await Promise.all([
        sql<{ id: string; sequence: string }>(
          ctx,
          'capacity',
          'SELECT unit_id AS id, sequence FROM unit_state WHERE unit_id = ANY($1)',
          [unitIds],
        ),
        sql<{ id: string; sequence: string }>(
          ctx,
          'capacity',
          'SELECT housing_unit_id AS id, sequence FROM housing_unit_state WHERE housing_unit_id = ANY($1)',
          [dwellingIds],
        ),
      ]);
      const have = new Map([...units, ...dwellings].map((r) => [r.id, Number(r.sequence)]));
      const caughtUp = [...targets.units, ...targets.dwellings].every(
        ([id, seq]) => (have.get(id) ?? 0) >= seq,
      );
      if (caughtUp && (!recovered || (await recovered()))) return Date.now() - healedAt;
    } catch {
      // The database may be coming back; try again.
    }
    await sleep(200);
  }
  return null;
}

/** Log lines the services wrote that tell how they coped, counted over all their log files. */
const LOG_SIGNS = {
  relayRetries: 'outbox relay retrying',
  failedBatches: 'Error when calling eachBatch',
  consumerRestarts: 'Restarting the consumer',
} as const;

function countLogSigns(ctx: FaultContext): Record<keyof typeof LOG_SIGNS, number> {
  const counts = { relayRetries: 0, failedBatches: 0, consumerRestarts: 0 };
  const files = existsSync(ctx.logDir) ? readdirSync(ctx.logDir).filter((f) => f.endsWith('.log')) : [];
  for (const file of files) {
    const text = readFileSync(path.join(ctx.logDir, file), 'utf8');
    for (const [key, sign] of Object.entries(LOG_SIGNS) as [keyof typeof LOG_SIGNS, string][]) {
      counts[key] += text.split(sign).length - 1;
    }
  }
  return counts;
}

/** Services that should be running and do not answer /health/live (crashed, or hung). */
async function servicesDown(ctx: FaultContext): Promise<string[]> {
  const expected = ctx.stack.specs.filter((s) => s.name !== 'gateway' || ctx.liveGateways.includes(s.port));
  const down: string[] = [];
  for (const spec of expected) {
    const ok = await fetch(`http://127.0.0.1:${spec.port}/health/live`, {
      signal: AbortSignal.timeout(3000),
    }).then(
      (r) => r.ok,
      () => false,
    );
    if (!ok) down.push(`${spec.name} on port ${spec.port}`);
  }
  return down;
}

/** More relay retries than this in one fault is a retry storm, not a backoff (a few per outage is normal). */
const RELAY_RETRY_STORM = 200;

export async function runFault(ctx: FaultContext, spec: FaultSpec): Promise<FaultRow> {
  const started = Date.now();
  const notes: string[] = [];
  const problems: string[] = [];
  const signsBefore = countLogSigns(ctx);
  // The writes of this run of the fault (a fault run twice counts each run's own writes).
  const phase = `${spec.key}@${started}`;
  ctx.load.phase = phase;
  ctx.log(`${spec.title}: load on (${LOAD_PER_SECOND} writes/s)`);
  ctx.load.start(LOAD_PER_SECOND);
  ctx.intake.start();
  let recoveryMs: number | null = null;
  let quietMs: number | null = null;
  let injected: Injected | null = null;
  try {
    await sleep(WARM_UP_MS);
    injected = await spec.inject(ctx, notes, problems);
    ctx.log(`${spec.title}: healed; waiting for recovery`);
    const recovery = measureRecovery(ctx, injected.healedAt, injected.recovered, notes);
    await injected.settling;
    await sleep(AFTER_HEAL_MS);
    await Promise.all([ctx.load.stop(), ctx.intake.stop()]);
    ctx.log(`${spec.title}: load off; waiting for quiet`);
    quietMs = await waitForQuiet(ctx);
    recoveryMs = await recovery;
    if (recoveryMs === null) problems.push('did not recover within 120 s of being healed');
  } catch (error) {
    problems.push(`the fault run failed: ${(error as Error).message}`);
  } finally {
    await Promise.all([ctx.load.stop(), ctx.intake.stop()]);
  }
  for (const service of await servicesDown(ctx)) {
    problems.push(`${service} does not answer /health/live: it crashed or hangs (see its log)`);
  }
  const signs = countLogSigns(ctx);
  const relayRetries = signs.relayRetries - signsBefore.relayRetries;
  const failedBatches = signs.failedBatches - signsBefore.failedBatches;
  const consumerRestarts = signs.consumerRestarts - signsBefore.consumerRestarts;
  if (failedBatches > 0) notes.push(`consumers failed ${failedBatches} batch(es) and processed them again`);
  if (consumerRestarts > 0) notes.push(`Kafka consumers restarted ${consumerRestarts} time(s)`);
  if (relayRetries > 0) notes.push(`outbox relays retried ${relayRetries} time(s) in all`);
  if (relayRetries > RELAY_RETRY_STORM) {
    problems.push(`the outbox relays retried ${relayRetries} times: a retry storm, not a backoff`);
  }
  let result: InvariantResult;
  try {
    result = await checkInvariant(ctx, phase);
    const offers = await checkOffers(ctx);
    result.problems.push(...offers.violations);
    notes.push(offers.summary);
    if (injected?.afterQuiet) await injected.afterQuiet();
  } catch (error) {
    result = {
      acked: 0,
      reflected: 0,
      uncertain: 0,
      uncertainApplied: 0,
      rejected: 0,
      drift: [],
      problems: [],
    };
    problems.push(`the invariant could not be checked: ${(error as Error).message}`);
  }
  const row: FaultRow = {
    ...result,
    problems: [...problems, ...result.problems],
    key: spec.key,
    fault: spec.title,
    recoveryMs,
    quietMs,
    durationMs: Date.now() - started,
    passed: false,
    notes,
  };
  row.passed = row.problems.length === 0 && row.drift.length === 0 && row.reflected === row.acked;
  ctx.log(
    `${spec.title}: ${row.passed ? 'every check passes' : 'FAILED'} — ${row.acked} acknowledged, ` +
      `${row.reflected} reflected, ${row.uncertain} uncertain (${row.uncertainApplied} applied), drift ${row.drift.length}, ` +
      `recovery ${recoveryMs === null ? '—' : seconds(recoveryMs)}, ${seconds(row.durationMs)}`,
  );
  for (const note of notes) ctx.log(`  - ${note}`);
  for (const line of [...row.problems, ...row.drift].slice(0, 15)) ctx.log(`  ! ${line}`);
  return row;
}

async function pendingRows(ctx: FaultContext, db: Database): Promise<{ n: number; maxId: string | null }> {
  const [row] = await sql<{ n: string; max_id: string | null }>(
    ctx,
    db,
    'SELECT count(*) AS n, max(id) AS max_id FROM outbox WHERE published_at IS NULL AND failed_at IS NULL',
  );
  return { n: Number(row.n), maxId: row.max_id };
}

async function dlqEnd(ctx: FaultContext, topic: string): Promise<number> {
  const admin = ctx.messaging.kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(ctx.messaging.topic(deadLetterTopic(topic)));
    return offsets.reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

export const BASELINE: FaultSpec = {
  key: 'baseline',
  title: 'none (baseline)',
  async inject() {
    await sleep(6000);
    return { healedAt: Date.now() };
  },
};

export const CAPACITY_KILL: FaultSpec = {
  key: 'capacity-kill',
  title: 'capacity-service SIGKILL mid-batch ×3',
  async inject(ctx, notes, problems) {
    let restartedAt = Date.now();
    let ready = Promise.resolve();
    for (let i = 1; i <= 3; i++) {
      await sleep(between(1500, 3500));
      // A burst of writes just before the kill, so that the projection is busy with a batch.
      ctx.load.burst(6);
      await sleep(between(30, 250));
      // One instance: the first running (with --replicas 2 one replica; the other keeps serving).
      const [port] = ctx.stack.runningPorts('capacity-service');
      await ctx.stack.kill('capacity-service', 'SIGKILL', port);
      if (ctx.proxies) await readsWhileOneIsDown(ctx, `capacity-service on port ${port}`, notes, problems);
      // What the kill caught in flight: events whose offsets were not committed yet (they are delivered
      // again after the restart), and capacity.changed rows its relay had not published yet.
      const lag = await ctx.messaging
        .consumerLag(CONSUMER_GROUP_PREFIX, TOPICS.institutionOccupancy)
        .catch(() => -1);
      const unpublished = await pendingRows(ctx, 'capacity').catch(() => ({ n: -1 }));
      ctx.log(`  capacity-service killed (${i}/3); restarting`);
      notes.push(
        `kill ${i}: ${lag} occupancy event(s) not yet committed by its consumer, ` +
          `${unpublished.n} capacity.changed row(s) unpublished in its outbox`,
      );
      const restarting = (restartedAt = Date.now());
      ready = ctx.stack.startService('capacity-service', port).then(() => {
        notes.push(`restart ${i} answered ready after ${seconds(Date.now() - restarting)}`);
      });
      if (i < 3) await ready;
    }
    // Healed when the last restart began: the service's own start-up is part of its recovery.
    return { healedAt: restartedAt, settling: ready };
  },
};

/**
 * SIGKILL of a source service while committed events wait in its outbox: its relay's advisory lock is held,
 * so writes commit with their outbox rows but nothing is published until the kill, then it is restarted.
 */
function killBetweenCommitAndPublish(
  key: string,
  title: string,
  service: 'institution-service' | 'intake-service',
  db: 'institution' | 'intake',
  wanted: number,
): FaultSpec {
  return {
    key,
    title,
    async inject(ctx, notes, problems) {
      // Hold the relay's advisory lock: writes commit with their outbox rows, but the relay cannot publish
      // them — the window between a commit and its publish, held open so that the kill lands inside it.
      const lock = new Client({
        connectionString: `${ctx.infra.databaseUrl}/${ctx.settings.databasePrefix}_${db}`,
      });
      await lock.connect();
      let pending = { n: 0, maxId: null as string | null };
      try {
        await lock.query('SELECT pg_advisory_lock($1)', [OUTBOX_RELAY_LOCK]);
        const deadline = Date.now() + 15_000;
        while (Date.now() < deadline) {
          pending = await pendingRows(ctx, db);
          if (pending.n >= wanted) break;
          await sleep(200);
        }
        await ctx.stack.kill(service, 'SIGKILL');
        ctx.log(`  ${service} killed with ${pending.n} committed event(s) unpublished; restarting`);
      } finally {
        await lock.end().catch(() => undefined);
      }
      if (pending.n === 0) problems.push('no unpublished outbox row at the kill: the fault was not injected');
      notes.push(`${pending.n} committed, acknowledged-or-in-flight event(s) were unpublished at the kill`);
      const healedAt = Date.now();
      const settling = ctx.stack.startService(service);
      const maxId = pending.maxId;
      const leftOver = async () => {
        if (maxId === null) return 0;
        const [row] = await sql<{ n: string }>(
          ctx,
          db,
          'SELECT count(*) AS n FROM outbox WHERE id <= $1 AND published_at IS NULL',
          [maxId],
        );
        return Number(row.n);
      };
      return {
        healedAt,
        settling,
        recovered: async () => (await leftOver()) === 0,
        afterQuiet: async () => {
          const n = await leftOver();
          if (n > 0) problems.push(`${n} outbox row(s) from before the kill were never published`);
          else notes.push('every one of them was published after the restart');
        },
      };
    },
  };
}

export const INSTITUTION_KILL = killBetweenCommitAndPublish(
  'institution-kill',
  'institution-service SIGKILL between commit and publish',
  'institution-service',
  'institution',
  5,
);

/** Offers and referrals committed in intake but not yet published: the institution has not reserved them (issue 14). */
export const INTAKE_KILL = killBetweenCommitAndPublish(
  'intake-kill',
  'intake-service SIGKILL between offer and reservation',
  'intake-service',
  'intake',
  2,
);

export const KAFKA_RESTART: FaultSpec = {
  key: 'kafka-restart',
  title: 'Kafka broker stopped and started',
  async inject(ctx, notes) {
    ctx.load.burst(8);
    await sleep(between(20, 120));
    let t = Date.now();
    await ctx.infra.stopKafka();
    ctx.log(`  broker stopped (${seconds(Date.now() - t)}); down for 5 s`);
    await sleep(5000);
    t = Date.now();
    await ctx.infra.startKafka();
    ctx.log(`  broker started (${seconds(Date.now() - t)})`);
    notes.push(`broker down ${seconds(Date.now() - t + 5000)} in all (stop, 5 s, start)`);
    return { healedAt: Date.now() };
  },
};

export const REDIS_RESTART: FaultSpec = {
  key: 'redis-restart',
  title: 'Redis stopped and started',
  async inject(ctx, notes, problems) {
    const api = contractApi(gatewayUrl(ctx), ctx.readerToken);
    const changesBefore = ctx.clients.reduce((n, c) => n + c.changesReceived, 0);
    await ctx.infra.stopRedis();
    ctx.log('  Redis stopped; reading the summary during the outage');
    const statuses: (number | string)[] = [];
    const until = Date.now() + 6000;
    while (Date.now() < until) {
      statuses.push(
        await api.call(getCapacitySummary, {}).then(
          () => getCapacitySummary.status,
          (e: Error) => (e instanceof ContractProblem ? e.status : e.message),
        ),
      );
      await sleep(300);
    }
    const changesDuring = ctx.clients.reduce((n, c) => n + c.changesReceived, 0) - changesBefore;
    await ctx.infra.startRedis();
    const ok = statuses.filter((s) => s === 200).length;
    notes.push(
      `GET /api/capacity/summary answered 200 to ${ok} of ${statuses.length} reads while Redis was down`,
    );
    notes.push(`socket clients received ${changesDuring} capacity:changed push(es) while Redis was down`);
    if (ok !== statuses.length)
      problems.push(`reads did not fall back to PostgreSQL: ${JSON.stringify(statuses)}`);
    if (changesDuring === 0) problems.push('live updates stopped while Redis was down');
    return { healedAt: Date.now() };
  },
};

export const POSTGRES_RESTART: FaultSpec = {
  key: 'postgres-restart',
  title: 'PostgreSQL restarted (fast shutdown, 3 s down)',
  async inject(ctx, notes) {
    // A burst first: events on their way through the capacity service's consumer when the database goes.
    ctx.load.burst(8);
    await sleep(between(20, 120));
    await ctx.infra.stopPostgres();
    ctx.log('  PostgreSQL stopped (fast); down for 3 s');
    await sleep(3000);
    await ctx.infra.startPostgres();
    notes.push('every connection of every service was cut; the services reconnect on their own');
    return { healedAt: Date.now() };
  },
};

export const INJECTED_MESSAGES: FaultSpec = {
  key: 'injected-messages',
  title: 'duplicated, reordered and malformed messages injected',
  async inject(ctx, notes, problems) {
    // Sample only real events: the topics keep the malformed messages of any earlier run of this row.
    const probe = await startKafkaProbe<{ subject?: string }>(ctx.messaging, TOPICS.institutionOccupancy, {
      parse: (value) => {
        unitOccupancyChanged.parse(value);
        return value as { subject?: string };
      },
      skipInvalid: true,
    });
    const housingProbe = await startKafkaProbe<{ subject?: string }>(
      ctx.messaging,
      TOPICS.housingAvailability,
      {
        parse: (value) => {
          const event = value as { specversion?: unknown; data?: unknown } | null;
          if (event?.specversion !== '1.0' || typeof event.data !== 'object' || event.data === null) {
            throw new Error('not a housing event');
          }
          return event as { subject?: string };
        },
        skipInvalid: true,
      },
    );
    let sample: { key: string | null; value: { subject?: string } }[];
    let housingSample: { key: string | null; value: { subject?: string } }[];
    try {
      await probe.waitFor(() => true, { count: 20, timeoutMs: 20_000 });
      await housingProbe.waitFor(() => true, { count: 4, timeoutMs: 20_000 });
      sample = [...probe.messages].sort(() => Math.random() - 0.5).slice(0, 12);
      housingSample = [...housingProbe.messages].sort(() => Math.random() - 0.5).slice(0, 4);
    } finally {
      await probe.stop();
      await housingProbe.stop();
    }
    const occupancyDlq = await dlqEnd(ctx, TOPICS.institutionOccupancy);
    const housingDlq = await dlqEnd(ctx, TOPICS.housingAvailability);
    const key = (m: { key: string | null }) => m.key ?? ctx.world.units[0].id;
    const real = sample[0].value as Record<string, unknown> & { data: Record<string, unknown> };
    const malformed = [
      '{"specversion":"1.0", "id": "cut off',
      JSON.stringify({ hello: 'world' }),
      JSON.stringify({ ...real, data: { ...real.data, occupied: -1 } }),
      JSON.stringify({ ...real, type: 'no.oslo.plassoversikt.unit.exploded' }),
      JSON.stringify({ ...real, sequence: 'forty-two' }),
    ];
    const housingMalformed = [JSON.stringify({ ...(housingSample[0].value as object), data: null })];
    const producer = new EventProducer(ctx.messaging);
    try {
      // Duplicates of real events (older sequences now: their units have moved on), then the same
      // events again in reverse order, with the malformed ones in between, on the units' own partitions.
      const duplicates = sample.map((m) => ({
        topic: TOPICS.institutionOccupancy,
        key: key(m),
        value: JSON.stringify(m.value),
      }));
      await producer.send([
        ...duplicates,
        ...malformed.map((value, i) => ({
          topic: TOPICS.institutionOccupancy,
          key: key(sample[i % sample.length]),
          value,
        })),
        ...[...duplicates].reverse(),
        ...housingSample.map((m) => ({
          topic: TOPICS.housingAvailability,
          key: m.key ?? '',
          value: JSON.stringify(m.value),
        })),
        ...housingMalformed.map((value) => ({
          topic: TOPICS.housingAvailability,
          key: housingSample[0].key ?? '',
          value,
        })),
      ]);
    } finally {
      await producer.disconnect();
    }
    const injectedCount = sample.length * 2 + housingSample.length;
    ctx.log(
      `  injected ${injectedCount} duplicate or reordered and ${malformed.length + housingMalformed.length} malformed message(s)`,
    );
    notes.push(
      `injected ${injectedCount} duplicated/reordered real events (older sequences) and ` +
        `${malformed.length + housingMalformed.length} malformed messages`,
    );
    const dlqCounts = async () => ({
      occupancy: (await dlqEnd(ctx, TOPICS.institutionOccupancy)) - occupancyDlq,
      housing: (await dlqEnd(ctx, TOPICS.housingAvailability)) - housingDlq,
    });
    // Every service that reads a topic dead-letters each malformed message of it once, on the topic's DLQ
    // (occupancy: the capacity service and intake's units read model).
    const want = {
      occupancy: malformed.length * readersOf(TOPICS.institutionOccupancy),
      housing: housingMalformed.length * readersOf(TOPICS.housingAvailability),
    };
    return {
      healedAt: Date.now(),
      recovered: async () => {
        const n = await dlqCounts();
        return n.occupancy >= want.occupancy && n.housing >= want.housing;
      },
      afterQuiet: async () => {
        const n = await dlqCounts();
        notes.push(
          `dead-letter topics got ${n.occupancy} + ${n.housing} message(s): each malformed one once per service reading it`,
        );
        if (n.occupancy !== want.occupancy || n.housing !== want.housing) {
          problems.push(
            `dead letters: ${n.occupancy} on the occupancy DLQ (want ${want.occupancy}), ` +
              `${n.housing} on the housing DLQ (want ${want.housing})`,
          );
        }
      },
    };
  },
};

/**
 * With --replicas 2 (ADR 0209): reads through the gateway proxy right after one replica was killed. Every
 * one must answer 200 — the proxy sends what the dead replica refuses to the other — and the proxy must
 * have seen the refusals (it did not just happen to pick the live one).
 */
async function readsWhileOneIsDown(
  ctx: FaultContext,
  killed: string,
  notes: string[],
  problems: string[],
): Promise<void> {
  const api = contractApi(gatewayUrl(ctx), ctx.readerToken);
  const refusedBefore = (ctx.proxies?.gateway.refused ?? 0) + (ctx.proxies?.capacity.refused ?? 0);
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    statuses.push(
      await api.call(getCapacitySummary, {}).then(
        () => 200,
        (error: unknown) => (error instanceof ContractProblem ? error.status : 0),
      ),
    );
  }
  const ok = statuses.filter((s) => s === 200).length;
  const refused = (ctx.proxies?.gateway.refused ?? 0) + (ctx.proxies?.capacity.refused ?? 0) - refusedBefore;
  notes.push(
    `${killed} down: ${ok} of ${statuses.length} reads through the proxy answered 200 (${refused} refusal(s) sent on)`,
  );
  if (ok !== statuses.length)
    problems.push(`reads through the proxy failed with ${killed} down: ${statuses.join(', ')}`);
  if (refused === 0) problems.push(`the proxy saw no refusal from ${killed}: the reads did not try it`);
}

/**
 * With --replicas 2 (ADR 0209): the clients are all on the gateway proxy, spread over both replicas. One
 * replica is killed; its clients are cut off, reconnect through the same proxy URL, land on the replica
 * alive and subscribe again.
 */
async function gatewayKillBehindProxy(
  ctx: FaultContext,
  proxy: NonNullable<FaultContext['proxies']>['gateway'],
  notes: string[],
  problems: string[],
): Promise<Injected> {
  const [kill, keep] = ctx.liveGateways;
  const onKilled = proxy.openSockets(kill);
  if (onKilled === 0)
    problems.push('no client was connected through the proxy to the replica that was killed');
  const reconnectsBefore = new Map(ctx.clients.map((c) => [c, c.reconnects]));
  const killedAt = Date.now();
  await ctx.stack.kill('gateway', 'SIGKILL', kill);
  ctx.liveGateways = [keep];
  ctx.log(`  gateway replica on port ${kill} killed with ${onKilled} client(s) connected through the proxy`);
  await readsWhileOneIsDown(ctx, `gateway on port ${kill}`, notes, problems);
  const cutOff = () => ctx.clients.filter((c) => c.reconnects > (reconnectsBefore.get(c) ?? 0));
  return {
    healedAt: killedAt,
    recovered: () =>
      Promise.resolve(
        cutOff().length >= onKilled &&
          ctx.clients.every((c) => c.subscribed) &&
          cutOff().every((c) => c.recoveredAt !== null && c.recoveredAt > killedAt),
      ),
    afterQuiet: () => {
      const moved = cutOff().filter((c) => c.subscribed).length;
      notes.push(
        `${onKilled} client(s) were on the killed replica; ${moved} reconnected through the proxy and re-subscribed; ` +
          `${proxy.openSockets(keep)} socket(s) now on the replica on port ${keep}`,
      );
      if (moved < onKilled) problems.push(`${onKilled - moved} client(s) did not recover through the proxy`);
      if (proxy.openSockets(keep) < ctx.clients.length)
        problems.push(
          `only ${proxy.openSockets(keep)} of ${ctx.clients.length} clients are on the live replica`,
        );
      return Promise.resolve();
    },
  };
}

export const GATEWAY_KILL: FaultSpec = {
  key: 'gateway-kill',
  title: 'gateway instance SIGKILL with clients connected',
  async inject(ctx, notes, problems) {
    if (ctx.proxies) return gatewayKillBehindProxy(ctx, ctx.proxies.gateway, notes, problems);
    const [keep, kill] = ctx.liveGateways;
    const killedUrl = `http://127.0.0.1:${kill}`;
    const affected = ctx.clients.filter((c) => c.url === killedUrl);
    if (affected.length === 0) problems.push('no client was connected to the gateway that was killed');
    const killedAt = Date.now();
    await ctx.stack.kill('gateway', 'SIGKILL', kill);
    ctx.liveGateways = [keep];
    ctx.log(`  gateway on port ${kill} killed with ${affected.length} client(s) connected`);
    return {
      // Nothing is restarted: recovery is the clients finding the other gateway and subscribing again.
      healedAt: killedAt,
      recovered: () =>
        Promise.resolve(
          affected.every((c) => c.subscribed && c.recoveredAt !== null && c.recoveredAt > killedAt),
        ),
      afterQuiet: () => {
        const moved = affected.filter((c) => c.url === `http://127.0.0.1:${keep}` && c.subscribed).length;
        notes.push(
          `${affected.length} client(s) were on the killed gateway; ${moved} reconnected to the other and re-subscribed`,
        );
        if (moved !== affected.length)
          problems.push(`${affected.length - moved} client(s) did not recover on the other gateway`);
        return Promise.resolve();
      },
    };
  },
};

/** In the order they run; the gateway kill is last (the killed instance is not restarted). */
export const ALL_FAULTS: FaultSpec[] = [
  BASELINE,
  CAPACITY_KILL,
  INSTITUTION_KILL,
  INTAKE_KILL,
  KAFKA_RESTART,
  REDIS_RESTART,
  POSTGRES_RESTART,
  INJECTED_MESSAGES,
  FORGED_UNAUTHENTICATED,
  FORGED_UNAUTHORIZED,
  REFUSED_MESSAGE,
  TOKEN_EXPIRY,
  GATEWAY_KILL,
];

/** How many services read a topic (each with one consumer group of it): SERVICE_ACCESS's grants. */
function readersOf(topic: string): number {
  return Object.values(SERVICE_ACCESS).filter((access) => access.reads.includes(topic)).length;
}

/** Exported for the table's notes: how long each part of a run took. */
export { seconds };
