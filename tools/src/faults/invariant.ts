/**
 * The invariant every fault must leave intact, checked once the load has stopped and the system is quiet
 * (every outbox empty, every consumer group caught up):
 *
 * 1. The read model equals the sources: every unit's counts and sequence and the city's and categories'
 *    totals (`reconcile()` from tools/src/capacity, the same check as `npm run reconcile`), every
 *    dwelling's status and sequence, and housing supply and need per district and type.
 * 2. Every acknowledged write is reflected exactly once: the source holds it (the stay, the discharge,
 *    the block, the dwelling's change), and the read model's event history has it at the sequence the
 *    acknowledgement gave, once. A write that got no clear answer (uncertain) may be applied or not; the
 *    source says which, and the read model must agree with the source either way. No sequence of any
 *    unit is missing from the history (no event lost), and no outbox row was given up as failed.
 * 3. Every subscribed socket.io client holds, for each of its scopes, the read model's numbers and
 *    version, and so does the snapshot a new subscriber would get.
 */
import {
  CapacitySnapshotQuery,
  ContractProblem,
  getCapacityHousingOverview,
  getCapacitySnapshot,
  listHousingNeeds,
  listHousingUnits,
  ResponseContractViolation,
  TOPICS,
  type CapacityChangedData,
  type ContractClient,
} from '@plass/contracts';
import { HOUSING_TYPES } from '@plass/domain';
import type { Messaging } from '@plass/messaging';
import { contractApi, type ReplicaProxy, type Stack, type StackSettings } from '@plass/testing';
import { Client } from 'pg';
import { CONSUMER_GROUP_PREFIX } from '../capacity/read-model';
import { reconcile } from '../capacity/reconcile';
import type { FaultInfra } from './infra';
import type { LiveClient } from './live-client';
import { offerViolations, type IntakeLoad, type OfferRow, type ReservationRow } from './intake-load';
import type { Load, WriteRecord, World } from './load';

export interface FaultContext {
  infra: FaultInfra;
  stack: Stack;
  settings: StackSettings;
  messaging: Messaging;
  /** A token with a reading role (intake). */
  readerToken: string;
  world: World;
  load: Load;
  /** Referrals and offers beside the load (intake-load.ts). */
  intake: IntakeLoad;
  clients: LiveClient[];
  /** Ports of the gateways that are meant to be running. */
  liveGateways: number[];
  /**
   * With `--replicas 2` (ADR 0209): the proxies in front of the gateway and capacity-service replicas;
   * reads, writes and clients then go through the gateway proxy.
   */
  proxies?: { gateway: ReplicaProxy; capacity: ReplicaProxy };
  /** Where the services' logs are (`<service>-<port>.log`). */
  logDir: string;
  log(message: string): void;
}

export type Database = 'institution' | 'housing' | 'capacity' | 'intake';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One query on one of the stack's databases, on a connection of its own (the server may have restarted). */
export async function sql<T>(
  ctx: FaultContext,
  db: Database,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({
    connectionString: `${ctx.infra.databaseUrl}/${ctx.settings.databasePrefix}_${db}`,
    connectionTimeoutMillis: 3000,
  });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function gatewayUrl(ctx: FaultContext): string {
  if (ctx.proxies) return ctx.proxies.gateway.url;
  return `http://127.0.0.1:${ctx.liveGateways[0]}`;
}

/** The consumer groups whose lag must be zero for "quiet", each with the topic it reads. */
function watchedGroups(ctx: FaultContext): { group: string; topic: string }[] {
  const gateways = ctx.stack.specs
    .filter((s) => s.name === 'gateway' && ctx.liveGateways.includes(s.port))
    .map((s) => ({ group: `gateway.${s.env.GATEWAY_INSTANCE_ID}`, topic: TOPICS.capacityChanged }));
  return [
    // The capacity service's projections (tools/src/capacity/read-model.ts names the group family).
    { group: CONSUMER_GROUP_PREFIX, topic: TOPICS.institutionOccupancy },
    { group: `${CONSUMER_GROUP_PREFIX}.housing`, topic: TOPICS.housingAvailability },
    { group: `${CONSUMER_GROUP_PREFIX}.referrals`, topic: TOPICS.intakeReferrals },
    // The offer exchange between intake and the institution service (ADR 0161).
    { group: 'institution-service.offers', topic: TOPICS.intakeReferrals },
    { group: 'intake-service.units', topic: TOPICS.institutionOccupancy },
    { group: 'intake-service.reservations', topic: TOPICS.institutionReservations },
    ...gateways,
  ];
}

async function pendingOutbox(ctx: FaultContext, db: Database): Promise<number> {
  const [row] = await sql<{ n: string }>(
    ctx,
    db,
    'SELECT count(*) AS n FROM outbox WHERE published_at IS NULL AND failed_at IS NULL',
  );
  return Number(row.n);
}

/**
 * Waits until nothing is on its way: the sources' outboxes empty, the capacity service caught up and its
 * own outbox empty, every live gateway caught up — upstream first, twice in a row. Returns how long it took.
 */
export async function waitForQuiet(ctx: FaultContext, timeoutMs = 90_000): Promise<number> {
  const started = Date.now();
  let last = 'not checked yet';
  let quietInARow = 0;
  while (Date.now() - started < timeoutMs) {
    try {
      const busy: string[] = [];
      for (const db of ['institution', 'housing', 'intake'] as const) {
        const n = await pendingOutbox(ctx, db);
        if (n > 0) busy.push(`${db} outbox ${n}`);
      }
      for (const { group, topic } of watchedGroups(ctx)) {
        if (group.startsWith('gateway.')) {
          const n = await pendingOutbox(ctx, 'capacity');
          if (n > 0) busy.push(`capacity outbox ${n}`);
        }
        const lag = await ctx.messaging.consumerLag(group, topic);
        if (lag > 0) busy.push(`${group} lag ${lag}`);
      }
      last = busy.join(', ');
      quietInARow = busy.length === 0 ? quietInARow + 1 : 0;
      if (quietInARow >= 2) return Date.now() - started;
    } catch (error) {
      last = (error as Error).message;
      quietInARow = 0;
    }
    await sleep(250);
  }
  throw new Error(`not quiet after ${timeoutMs / 1000} s: ${last}`);
}

export interface InvariantResult {
  acked: number;
  reflected: number;
  uncertain: number;
  uncertainApplied: number;
  rejected: number;
  /** Differences between the read model (or a client) and the source. */
  drift: string[];
  /** Everything else that broke a guarantee. */
  problems: string[];
}

interface SourceStay {
  id: string;
  unit_id: string;
  admitted_at: Date;
  discharged_at: Date | null;
}

interface SourceBlock {
  id: string;
  unit_id: string;
  places: number;
  created_at: Date;
  released_at: Date | null;
}

interface HistoryRow {
  unit_id: string;
  sequence: string;
  kind: string;
  stay_id: string | null;
}

/** Settles each uncertain write through the source: applied, or not. Unexplained source rows are problems. */
function resolveUncertain(
  records: WriteRecord[],
  stays: SourceStay[],
  blocks: SourceBlock[],
  dwellingSequences: Map<string, number>,
  initialDwellingSequence: Map<string, number>,
  problems: string[],
  /** Admissions made outside the load: from an offer's reservation (the intake load; checkOffers checks them). */
  fromReservations: Set<string> = new Set(),
): Map<WriteRecord, boolean> {
  const applied = new Map<WriteRecord, boolean>();
  const acked = records.filter((r) => r.outcome === 'acked');
  const uncertain = records.filter((r) => r.outcome === 'uncertain');
  const stayById = new Map(stays.map((s) => [s.id, s]));
  const blockById = new Map(blocks.map((b) => [b.id, b]));

  // Admissions and blocks whose answer was lost: match the source's unexplained rows on the same unit by time.
  const match = <T extends { id: string; unit_id: string; created: number }>(
    kind: 'admission' | 'block',
    rows: T[],
    known: Set<string>,
  ) => {
    const unexplained = rows.filter((r) => !known.has(r.id)).sort((a, b) => a.created - b.created);
    const candidates = uncertain.filter((r) => r.kind === kind).sort((a, b) => a.at - b.at);
    for (const row of unexplained) {
      const i = candidates.findIndex(
        (r) => r.unitId === row.unit_id && row.created >= r.at - 2000 && row.created <= r.at + 40_000,
      );
      if (i < 0) {
        problems.push(
          `the source has a ${kind} ${row.id} on unit ${row.unit_id} that no write of the load explains`,
        );
        continue;
      }
      applied.set(candidates[i], true);
      candidates.splice(i, 1);
    }
    for (const r of candidates) applied.set(r, false);
  };
  match(
    'admission',
    stays.map((s) => ({ id: s.id, unit_id: s.unit_id, created: s.admitted_at.getTime() })),
    new Set([...acked.filter((r) => r.kind === 'admission').map((r) => r.stayId ?? ''), ...fromReservations]),
  );
  match(
    'block',
    blocks.map((b) => ({ id: b.id, unit_id: b.unit_id, created: b.created_at.getTime() })),
    new Set(acked.filter((r) => r.kind === 'block').map((r) => r.blockId ?? '')),
  );
  for (const r of uncertain) {
    if (r.kind === 'discharge') applied.set(r, Boolean(stayById.get(r.stayId ?? '')?.discharged_at));
    if (r.kind === 'unblock') applied.set(r, Boolean(blockById.get(r.blockId ?? '')?.released_at));
  }

  // A dwelling's sequence rises by one per applied change: the changes beyond the acknowledged ones came
  // from uncertain writes, at most as many as there were.
  for (const [id, sequence] of dwellingSequences) {
    const mine = records.filter((r) => r.housingUnitId === id);
    const ackedChanges = mine.filter((r) => r.outcome === 'acked').length;
    const open = mine.filter((r) => r.outcome === 'uncertain');
    const extra = sequence - (initialDwellingSequence.get(id) ?? 1) - ackedChanges;
    if (extra < 0 || extra > open.length) {
      problems.push(
        `dwelling ${id}: sequence ${sequence} in the source does not fit ${ackedChanges} acknowledged and ` +
          `${open.length} uncertain changes`,
      );
    }
    open.forEach((r, i) => applied.set(r, i < extra));
  }
  return applied;
}

/** Checks the whole invariant; counts for the table are those of `phase`'s writes. */
export async function checkInvariant(
  ctx: FaultContext,
  phase: string,
  /** How long clients may take to receive the last pushes. */
  socketSettleMs = 10_000,
): Promise<InvariantResult> {
  const drift: string[] = [];
  const problems: string[] = [];
  const unitIds = ctx.world.units.map((u) => u.id);
  const dwellingIds = ctx.world.dwellings.map((d) => d.id);
  const api = contractApi(gatewayUrl(ctx), ctx.readerToken);

  // 1. The read model against the sources, through the API.
  const reconciled = await reconcile({ gatewayUrl: gatewayUrl(ctx), token: ctx.readerToken, settleMs: 2000 });
  for (const d of reconciled.unitDrift) {
    drift.push(`unit ${d.unit} (${d.unitId}) ${d.field}: read model ${d.readModel}, source ${d.source}`);
  }
  for (const d of reconciled.totalsDrift) {
    drift.push(`${d.key} ${d.field}: read model ${d.readModel}, source ${d.source}`);
  }
  drift.push(...(await housingDrift(api)));

  // 2. Every acknowledged write exactly once, every uncertain one settled through the source.
  const [stays, blocks, sourceUnits, dwellings] = await Promise.all([
    sql<SourceStay>(
      ctx,
      'institution',
      'SELECT id, unit_id, admitted_at, discharged_at FROM stay WHERE unit_id = ANY($1)',
      [unitIds],
    ),
    sql<SourceBlock>(
      ctx,
      'institution',
      'SELECT id, unit_id, places, created_at, released_at FROM block WHERE unit_id = ANY($1)',
      [unitIds],
    ),
    sql<{ id: string; occupied: number; blocked: number; sequence: string }>(
      ctx,
      'institution',
      'SELECT id, occupied, blocked, sequence FROM unit WHERE id = ANY($1)',
      [unitIds],
    ),
    sql<{ id: string; status: string; sequence: string }>(
      ctx,
      'housing',
      'SELECT id, status, sequence FROM housing_unit WHERE id = ANY($1)',
      [dwellingIds],
    ),
  ]);
  const [history, modelStays, modelDwellings, failedOutbox] = await Promise.all([
    sql<HistoryRow>(
      ctx,
      'capacity',
      `SELECT unit_id, sequence, kind, data->'change'->>'stayId' AS stay_id FROM occupancy_event WHERE unit_id = ANY($1)`,
      [unitIds],
    ),
    sql<{ stay_id: string; discharged_at: Date | null }>(
      ctx,
      'capacity',
      'SELECT stay_id, discharged_at FROM stay WHERE unit_id = ANY($1)',
      [unitIds],
    ),
    sql<{ housing_unit_id: string; status: string; sequence: string }>(
      ctx,
      'capacity',
      'SELECT housing_unit_id, status, sequence FROM housing_unit_state WHERE housing_unit_id = ANY($1)',
      [dwellingIds],
    ),
    Promise.all(
      (['institution', 'housing', 'capacity'] as const).map(async (db) => {
        const [row] = await sql<{ n: string }>(
          ctx,
          db,
          'SELECT count(*) AS n FROM outbox WHERE failed_at IS NOT NULL',
        );
        return { db, n: Number(row.n) };
      }),
    ),
  ]);
  for (const { db, n } of failedOutbox) {
    if (n > 0)
      problems.push(`${db}: ${n} outbox row(s) given up as failed (their events never reached Kafka)`);
  }

  const records = ctx.load.records;
  const dwellingSequence = new Map(dwellings.map((d) => [d.id, Number(d.sequence)]));
  const initialDwellingSequence = new Map(ctx.world.dwellings.map((d) => [d.id, d.initialSequence]));
  const fromReservations = await sql<{ stay_id: string }>(
    ctx,
    'institution',
    'SELECT stay_id FROM reservation WHERE stay_id IS NOT NULL',
  );
  const applied = resolveUncertain(
    records,
    stays,
    blocks,
    dwellingSequence,
    initialDwellingSequence,
    problems,
    new Set(fromReservations.map((r) => r.stay_id)),
  );

  // The source itself: acknowledged writes are there, and the unit counters agree with the rows.
  const stayById = new Map(stays.map((s) => [s.id, s]));
  const blockById = new Map(blocks.map((b) => [b.id, b]));
  for (const r of records.filter((x) => x.outcome === 'acked')) {
    if (r.kind === 'admission' && !stayById.has(r.stayId ?? ''))
      problems.push(`acknowledged stay ${r.stayId} is not in the source`);
    if (r.kind === 'discharge' && !stayById.get(r.stayId ?? '')?.discharged_at) {
      problems.push(`acknowledged discharge of stay ${r.stayId} is not in the source`);
    }
    if (r.kind === 'block' && !blockById.has(r.blockId ?? ''))
      problems.push(`acknowledged block ${r.blockId} is not in the source`);
    if (r.kind === 'unblock' && !blockById.get(r.blockId ?? '')?.released_at) {
      problems.push(`acknowledged lifting of block ${r.blockId} is not in the source`);
    }
  }
  for (const u of sourceUnits) {
    const open = stays.filter((s) => s.unit_id === u.id && !s.discharged_at).length;
    const blocked = blocks
      .filter((b) => b.unit_id === u.id && !b.released_at)
      .reduce((sum, b) => sum + b.places, 0);
    if (u.occupied !== open)
      problems.push(`source unit ${u.id}: occupied ${u.occupied} but ${open} open stays`);
    if (u.blocked !== blocked)
      problems.push(`source unit ${u.id}: blocked ${u.blocked} but ${blocked} places in open blocks`);
  }

  // The read model's history: no sequence missing, each stay admitted and discharged exactly once.
  const bySequence = new Map(history.map((h) => [`${h.unit_id}:${h.sequence}`, h]));
  for (const u of sourceUnits) {
    const mine = history.filter((h) => h.unit_id === u.id).map((h) => Number(h.sequence));
    const expected = Number(u.sequence);
    const missing: number[] = [];
    for (let s = 1; s <= expected; s++) if (!mine.includes(s)) missing.push(s);
    if (missing.length > 0)
      problems.push(
        `unit ${u.id}: the read model's history lacks sequence(s) ${missing.slice(0, 10).join(', ')}`,
      );
  }
  const eventsOfStay = new Map<string, { admission: number; discharge: number }>();
  for (const h of history) {
    if (!h.stay_id || (h.kind !== 'admission' && h.kind !== 'discharge')) continue;
    const counts = eventsOfStay.get(h.stay_id) ?? { admission: 0, discharge: 0 };
    counts[h.kind] += 1;
    eventsOfStay.set(h.stay_id, counts);
  }
  const modelStayById = new Map(modelStays.map((s) => [s.stay_id, s]));
  for (const s of stays) {
    const counts = eventsOfStay.get(s.id) ?? { admission: 0, discharge: 0 };
    const wantDischarge = s.discharged_at ? 1 : 0;
    if (counts.admission !== 1 || counts.discharge !== wantDischarge) {
      drift.push(
        `stay ${s.id}: ${counts.admission} admission and ${counts.discharge} discharge event(s) in the read model, ` +
          `source: admitted${s.discharged_at ? ' and discharged' : ''}`,
      );
    }
    const model = modelStayById.get(s.id);
    if (!model) drift.push(`stay ${s.id} is missing in the read model`);
    else if (Boolean(model.discharged_at) !== Boolean(s.discharged_at)) {
      drift.push(
        `stay ${s.id}: discharged ${Boolean(model.discharged_at)} in the read model, ${Boolean(s.discharged_at)} in the source`,
      );
    }
  }
  if (modelStays.length !== stays.length)
    drift.push(`${modelStays.length} stays in the read model, ${stays.length} in the source`);

  const modelDwelling = new Map(modelDwellings.map((d) => [d.housing_unit_id, d]));
  for (const d of dwellings) {
    const m = modelDwelling.get(d.id);
    if (!m || m.status !== d.status || m.sequence !== d.sequence) {
      drift.push(
        `dwelling ${d.id}: read model ${m ? `${m.status} at ${m.sequence}` : 'missing'}, source ${d.status} at ${d.sequence}`,
      );
    }
  }

  /** Whether an acknowledged write is in the read model exactly once, at its sequence. */
  const reflected = (r: WriteRecord): boolean => {
    if (r.kind === 'housing-status') {
      const m = modelDwelling.get(r.housingUnitId ?? '');
      const s = dwellings.find((d) => d.id === r.housingUnitId);
      return Boolean(
        m &&
        s &&
        m.sequence === s.sequence &&
        m.status === s.status &&
        Number(m.sequence) >= (r.sequence ?? Infinity),
      );
    }
    const event = bySequence.get(`${r.unitId}:${r.sequence}`);
    if (!event || event.kind !== r.kind) return false;
    if (r.kind === 'admission' || r.kind === 'discharge') {
      return event.stay_id === r.stayId && eventsOfStay.get(r.stayId ?? '')?.[r.kind] === 1;
    }
    return true;
  };
  const mine = records.filter((r) => r.phase === phase);
  const ackedRecords = mine.filter((r) => r.outcome === 'acked');
  const reflectedCount = ackedRecords.filter(reflected).length;
  for (const r of ackedRecords.filter((x) => !reflected(x)).slice(0, 10)) {
    problems.push(
      `acknowledged ${r.kind} (${r.unitId ?? r.housingUnitId} sequence ${r.sequence}) is not reflected exactly once`,
    );
  }

  // 3. The sockets, and the snapshot a new subscriber would get.
  drift.push(...(await socketDrift(ctx, api, socketSettleMs)));

  return {
    acked: ackedRecords.length,
    reflected: reflectedCount,
    uncertain: mine.filter((r) => r.outcome === 'uncertain').length,
    uncertainApplied: mine.filter((r) => applied.get(r) === true).length,
    rejected: mine.filter((r) => r.outcome === 'rejected').length,
    drift,
    problems,
  };
}

/** Dwellings by district, type and status, and need, in the housing source against the read model. */
async function housingDrift(api: ContractClient): Promise<string[]> {
  let answers;
  try {
    answers = await Promise.all([
      api.call(listHousingUnits, {}),
      api.call(listHousingNeeds, {}),
      api.call(getCapacityHousingOverview, {}),
    ]);
  } catch (error) {
    if (!(error instanceof ContractProblem || error instanceof ResponseContractViolation)) throw error;
    return [`housing could not be compared: ${error.message}`];
  }
  const [units, needs, overview] = answers;
  const drift: string[] = [];
  for (const district of overview.districts) {
    for (const type of HOUSING_TYPES) {
      const model = district.byType[type];
      const source = {
        vacant: 0,
        reserved: 0,
        occupied: 0,
        unavailable: 0,
        need: needs.find((n) => n.districtCode === district.districtCode)?.needs[type] ?? 0,
      };
      for (const u of units) {
        if (u.districtCode === district.districtCode && u.type === type) source[u.status] += 1;
      }
      for (const field of ['vacant', 'reserved', 'occupied', 'unavailable', 'need'] as const) {
        if (model[field] !== source[field]) {
          drift.push(
            `housing ${district.districtCode} ${type} ${field}: read model ${model[field]}, source ${source[field]}`,
          );
        }
      }
    }
  }
  return drift;
}

interface ScopeRow {
  scope_key: string;
  capacity: number;
  occupied: number;
  blocked: number;
  reserved: number;
  version: string;
}

const COUNTS = ['capacity', 'occupied', 'blocked', 'reserved'] as const;

function differs(a: CapacityChangedData, b: ScopeRow): boolean {
  return COUNTS.some((f) => a.totals[f] !== b[f]) || a.version !== Number(b.version);
}

function describe(a: CapacityChangedData): string {
  return `${COUNTS.map((f) => `${f} ${a.totals[f]}`).join(', ')}, version ${a.version}`;
}

/** The subscribe snapshot of a scope key, or why there is none (`HTTP 404`, a broken answer). */
async function snapshotOf(
  api: ContractClient,
  key: string,
  scope: string,
  id: string | undefined,
): Promise<CapacityChangedData | string> {
  const query = CapacitySnapshotQuery.safeParse({ scope, id });
  if (!query.success) return `${key} is not a scope key of the contract`;
  try {
    return await api.call(getCapacitySnapshot, { query: query.data });
  } catch (error) {
    if (error instanceof ContractProblem) return `HTTP ${error.status}`;
    if (error instanceof ResponseContractViolation) return error.message;
    throw error;
  }
}

/**
 * Every client's newest state per scope against the read model's scope totals, and every scope's
 * subscribe snapshot (which may come from Redis) against them too. Waits up to `settleMs` for the
 * last pushes.
 */
async function socketDrift(ctx: FaultContext, api: ContractClient, settleMs: number): Promise<string[]> {
  const keys = [...new Set(ctx.clients.flatMap((c) => c.scopes.map((s) => c.scopeKey(s))))];
  let drift: string[] = [];
  const deadline = Date.now() + settleMs;
  for (;;) {
    drift = [];
    // Every scope: a subscribe snapshot comes from Redis when it has one, and must never be stale.
    const rows = await sql<ScopeRow>(
      ctx,
      'capacity',
      'SELECT scope_key, capacity, occupied, blocked, reserved, version FROM scope_totals',
    );
    const truth = new Map(rows.map((r) => [r.scope_key, r]));
    for (const client of ctx.clients) {
      if (!client.subscribed) {
        drift.push(
          `client ${client.name} is not connected and subscribed (${client.lastError ?? 'no error'})`,
        );
        continue;
      }
      for (const request of client.scopes) {
        const key = client.scopeKey(request);
        const seen = client.latest.get(key);
        const row = truth.get(key);
        if (!row || !seen || differs(seen, row)) {
          drift.push(
            `client ${client.name} ${key}: ${seen ? describe(seen) : 'nothing'}; read model: ` +
              (row ? `${COUNTS.map((f) => `${f} ${row[f]}`).join(', ')}, version ${row.version}` : 'nothing'),
          );
        }
      }
    }
    for (const key of new Set([...keys, ...truth.keys()])) {
      const [scope, id] =
        key === 'city'
          ? ['city', undefined]
          : [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      const snapshot = await snapshotOf(api, key, scope, id);
      const row = truth.get(key);
      if (typeof snapshot === 'string' || !row || differs(snapshot, row)) {
        drift.push(
          `snapshot of ${key}: ${typeof snapshot === 'string' ? snapshot : describe(snapshot)}; read model version ${row?.version ?? 'none'}`,
        );
      }
    }
    if (drift.length === 0 || Date.now() >= deadline) return drift;
    await sleep(250);
  }
}

/**
 * Proves the check can fail: corrupts the read model (one unit's count, one event of its history) and
 * one client's city numbers, and expects the invariant to report each. Run last: it leaves them corrupt.
 */
export async function checkerSelfTest(ctx: FaultContext): Promise<string[]> {
  const unit = ctx.world.units[0];
  const client = ctx.clients[0];
  await sql(ctx, 'capacity', 'UPDATE unit_state SET occupied = occupied + 1 WHERE unit_id = $1', [unit.id]);
  await sql(ctx, 'capacity', 'DELETE FROM occupancy_event WHERE unit_id = $1 AND sequence = 2', [unit.id]);
  const city = client.latest.get('city');
  if (city)
    client.latest.set('city', { ...city, totals: { ...city.totals, occupied: city.totals.occupied + 1 } });
  const result = await checkInvariant(ctx, 'self-test', 1000);
  const missed: string[] = [];
  if (!result.drift.some((d) => d.includes(unit.id) && d.includes('occupied'))) {
    missed.push("a unit whose read-model count differs from the source's");
  }
  if (!result.problems.some((p) => p.includes(unit.id) && p.includes('lacks sequence'))) {
    missed.push("an event missing from a unit's history");
  }
  if (!result.drift.some((d) => d.startsWith(`client ${client.name} city`))) {
    missed.push('a client holding other numbers than the read model');
  }
  return missed;
}

/**
 * The offer invariant of the intake flow (issue 14), once quiet: no place reserved without a live offer, no
 * live offer without its reservation, a placed referral's reservation became its stay, nothing the API
 * acknowledged lost, and the capacity service's waiting count equal to intake's.
 */
export async function checkOffers(ctx: FaultContext): Promise<{ violations: string[]; summary: string }> {
  const referrals = await sql<OfferRow>(
    ctx,
    'intake',
    'SELECT id, status, offer_id, offer_outcome, offer_reservation_id, stay_id FROM referral',
  );
  const offerIds = referrals.flatMap((r) => (r.offer_id ? [r.offer_id] : []));
  const reservations = await sql<ReservationRow>(
    ctx,
    'institution',
    'SELECT id, ended_at, end_reason, stay_id FROM reservation WHERE id = ANY($1::uuid[])',
    [offerIds],
  );
  const violations = offerViolations(ctx.intake.records, referrals, reservations);
  const waiting = referrals.filter((r) => r.status === 'waiting' || r.status === 'offered').length;
  const [city] = await sql<{ waiting: number }>(
    ctx,
    'capacity',
    "SELECT waiting FROM scope_totals WHERE scope_key = 'city'",
  );
  if ((city?.waiting ?? 0) !== waiting) {
    violations.push(`the capacity service counts ${city?.waiting ?? 0} waiting referrals, intake ${waiting}`);
  }
  const outcomes = new Map<string, number>();
  for (const r of referrals) {
    if (r.offer_outcome) outcomes.set(r.offer_outcome, (outcomes.get(r.offer_outcome) ?? 0) + 1);
  }
  const summary =
    `intake so far: ${referrals.length} referrals, ${offerIds.length} offered (` +
    [...outcomes].map(([outcome, n]) => `${n} ${outcome}`).join(', ') +
    `), ${referrals.filter((r) => r.status === 'placed').length} placed from their reservation`;
  return { violations, summary };
}
