/**
 * A steady mixed load through the REST API (admissions, discharges, blocks and their lifting, housing
 * status changes), spread over the gateways like a load balancer would, with every write's outcome
 * written down: acknowledged (2xx, with the stayId/blockId and the resulting sequence), rejected (4xx, or
 * a connection that was refused before anything was sent), or uncertain (5xx, timeout, cut connection:
 * it may or may not have been applied, and the invariant check settles which through the source).
 */
import { randomUUID } from 'node:crypto';
import {
  admitResident,
  blockPlaces,
  changeHousingStatus,
  ContractProblem,
  dischargeResident,
  getHousingUnit,
  liftBlock,
  ResponseContractViolation,
  type ContractClient,
  type RouteContract,
  type RouteInput,
  type RouteResponse,
} from '@plass/contracts';
import { DISTRICT_CODES, type HousingStatus } from '@plass/domain';

export type WriteKind = 'admission' | 'discharge' | 'block' | 'unblock' | 'housing-status';
export type Outcome = 'acked' | 'rejected' | 'uncertain';

export interface WriteRecord {
  phase: string;
  kind: WriteKind;
  outcome: Outcome;
  /** HTTP status, or null when no answer came. */
  status: number | null;
  error?: string;
  unitId?: string;
  housingUnitId?: string;
  stayId?: string;
  blockId?: string;
  /** The unit's (or dwelling's) sequence after this write, from the acknowledgement. */
  sequence?: number;
  /** For housing: the status asked for. */
  housingStatus?: HousingStatus;
  at: number;
  via: string;
}

export interface WorldUnit {
  id: string;
  institutionId: string;
  name: string;
  category: string;
  capacity: number;
}

export interface WorldDwelling {
  id: string;
  districtCode: string;
  /** The dwelling's sequence when it was registered (each status change adds one). */
  initialSequence: number;
}

export interface World {
  units: WorldUnit[];
  dwellings: WorldDwelling[];
}

export interface GatewayClients {
  url: string;
  /** Institution staff of every institution of the world. */
  staff: ContractClient;
  /** Admin: housing writes. */
  admin: ContractClient;
}

/** Next status of a dwelling in the load's cycle: vacant ⇄ occupied, vacant ⇄ unavailable. */
function nextHousingStatus(current: HousingStatus): { status: HousingStatus; reason?: 'renovation' } {
  switch (current) {
    case 'vacant':
      return Math.random() < 0.6 ? { status: 'occupied' } : { status: 'unavailable', reason: 'renovation' };
    case 'occupied':
    case 'unavailable':
    case 'reserved':
      return { status: 'vacant' };
  }
}

function pick<T>(items: T[]): T {
  return items[Math.floor(Math.random() * items.length)];
}

function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error as Error).name ?? 'Error';
}

export class Load {
  readonly records: WriteRecord[] = [];
  phase = 'setup';
  private readonly openStays = new Map<string, string[]>();
  private readonly openBlocks = new Map<string, string[]>();
  private readonly blockedPlaces = new Map<string, number>();
  private readonly dwellingStatus = new Map<string, HousingStatus | 'unknown'>();
  private readonly busyDwellings = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly downUntil = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private next = 0;

  constructor(
    private readonly world: World,
    private readonly gateways: GatewayClients[],
    private readonly maxInFlight = 6,
  ) {
    for (const d of world.dwellings) this.dwellingStatus.set(d.id, 'vacant');
  }

  /** Starts issuing about `perSecond` writes a second (fewer while `maxInFlight` are unanswered). */
  start(perSecond: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), Math.round(1000 / perSecond));
  }

  /** Stops issuing and waits for every write in flight to be answered (or to time out). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Issues `count` writes at once, beside the steady load (to catch a consumer mid-batch). */
  burst(count: number): void {
    for (let i = 0; i < count; i++) this.issue();
  }

  /** The highest acknowledged sequence of every unit and dwelling so far. */
  ackedTargets(): { units: Map<string, number>; dwellings: Map<string, number> } {
    const units = new Map<string, number>();
    const dwellings = new Map<string, number>();
    for (const r of this.records) {
      if (r.outcome !== 'acked' || r.sequence === undefined) continue;
      if (r.unitId) units.set(r.unitId, Math.max(units.get(r.unitId) ?? 0, r.sequence));
      if (r.housingUnitId)
        dwellings.set(r.housingUnitId, Math.max(dwellings.get(r.housingUnitId) ?? 0, r.sequence));
    }
    return { units, dwellings };
  }

  private tick(): void {
    if (this.inFlight.size >= this.maxInFlight) return;
    this.issue();
  }

  private issue(): void {
    const roll = Math.random();
    const withStays = this.world.units.filter((u) => (this.openStays.get(u.id)?.length ?? 0) > 0);
    const withBlocks = this.world.units.filter((u) => (this.openBlocks.get(u.id)?.length ?? 0) > 0);
    const freeDwellings = this.world.dwellings.filter((d) => !this.busyDwellings.has(d.id));
    let work: Promise<void>;
    if (roll < 0.35 || (roll < 0.65 && withStays.length === 0)) work = this.admit(pick(this.world.units));
    else if (roll < 0.65) work = this.discharge(pick(withStays));
    else if (roll < 0.75 || (roll < 0.85 && withBlocks.length === 0))
      work = this.block(pick(this.world.units));
    else if (roll < 0.85) work = this.unblock(pick(withBlocks));
    else if (freeDwellings.length > 0) work = this.changeDwelling(pick(freeDwellings));
    else work = this.admit(pick(this.world.units));
    const tracked = work.catch((error: unknown) => {
      // A bug in the load itself, not a fault of the stack: keep it visible.
      console.error(`load: ${(error as Error).stack ?? String(error)}`);
    });
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  /** The next gateway that is not known to be down (a load balancer's health check, roughly). */
  private gateway(): GatewayClients {
    const now = Date.now();
    for (let i = 0; i < this.gateways.length; i++) {
      const g = this.gateways[(this.next + i) % this.gateways.length];
      if ((this.downUntil.get(g.url) ?? 0) <= now) {
        this.next = (this.next + i + 1) % this.gateways.length;
        return g;
      }
    }
    this.next = (this.next + 1) % this.gateways.length;
    return this.gateways[this.next];
  }

  /** One write through the contract, with a new Idempotency-Key; its outcome is written down. */
  private async send<R extends RouteContract>(
    kind: WriteKind,
    client: (g: GatewayClients) => ContractClient,
    route: R,
    input: RouteInput<R>,
    fields: Partial<WriteRecord>,
  ): Promise<{ record: WriteRecord; body?: RouteResponse<R> }> {
    const g = this.gateway();
    const base = { phase: this.phase, kind, at: Date.now(), via: g.url, ...fields };
    let record: WriteRecord;
    let body: RouteResponse<R> | undefined;
    try {
      body = await client(g).call(route, input, { headers: { 'idempotency-key': randomUUID() } });
      record = { ...base, outcome: 'acked', status: route.status };
    } catch (error) {
      if (error instanceof ContractProblem) {
        const outcome: Outcome = error.status < 500 ? 'rejected' : 'uncertain';
        record = { ...base, outcome, status: error.status, error: error.bodyText.slice(0, 300) };
      } else if (error instanceof ResponseContractViolation) {
        // A success whose body breaks the contract: applied, but nothing in it can be trusted.
        record = { ...base, outcome: 'uncertain', status: null, error: error.message.slice(0, 300) };
      } else {
        const code = errorCode(error);
        if (code === 'ECONNREFUSED') this.downUntil.set(g.url, Date.now() + 2000);
        // A refused connection never carried the request; anything else may have been applied.
        record = {
          ...base,
          outcome: code === 'ECONNREFUSED' ? 'rejected' : 'uncertain',
          status: null,
          error: code,
        };
      }
    }
    this.records.push(record);
    return { record, body };
  }

  private async admit(unit: WorldUnit): Promise<void> {
    const { record, body } = await this.send(
      'admission',
      (g) => g.staff,
      admitResident,
      { params: { unitId: unit.id }, body: { referringDistrictCode: pick([...DISTRICT_CODES]) } },
      { unitId: unit.id },
    );
    if (body) {
      record.stayId = body.stayId;
      record.sequence = body.unit.sequence;
      this.openStays.set(unit.id, [...(this.openStays.get(unit.id) ?? []), body.stayId]);
    }
  }

  private async discharge(unit: WorldUnit): Promise<void> {
    const stays = this.openStays.get(unit.id) ?? [];
    // Taken out before sending: a stay is discharged at most once by the load, whatever the answer.
    const stayId = stays.splice(Math.floor(Math.random() * stays.length), 1)[0];
    const { record, body } = await this.send(
      'discharge',
      (g) => g.staff,
      dischargeResident,
      { params: { unitId: unit.id }, body: { stayId, reason: 'planned' } },
      { unitId: unit.id, stayId },
    );
    if (body) record.sequence = body.unit.sequence;
  }

  private async block(unit: WorldUnit): Promise<void> {
    if ((this.blockedPlaces.get(unit.id) ?? 0) >= 4) return this.admit(unit);
    this.blockedPlaces.set(unit.id, (this.blockedPlaces.get(unit.id) ?? 0) + 1);
    const { record, body } = await this.send(
      'block',
      (g) => g.staff,
      blockPlaces,
      {
        params: { unitId: unit.id },
        body: { places: 1, reason: pick(['safety', 'maintenance', 'staffing'] as const) },
      },
      { unitId: unit.id },
    );
    if (body) {
      record.blockId = body.blockId;
      record.sequence = body.unit.sequence;
      this.openBlocks.set(unit.id, [...(this.openBlocks.get(unit.id) ?? []), body.blockId]);
    }
  }

  private async unblock(unit: WorldUnit): Promise<void> {
    const blocks = this.openBlocks.get(unit.id) ?? [];
    const blockId = blocks.splice(Math.floor(Math.random() * blocks.length), 1)[0];
    const { record, body } = await this.send(
      'unblock',
      (g) => g.staff,
      liftBlock,
      { params: { unitId: unit.id, blockId } },
      { unitId: unit.id, blockId },
    );
    if (body) {
      record.sequence = body.unit.sequence;
      this.blockedPlaces.set(unit.id, Math.max(0, (this.blockedPlaces.get(unit.id) ?? 0) - 1));
    }
  }

  private async changeDwelling(dwelling: WorldDwelling): Promise<void> {
    this.busyDwellings.add(dwelling.id);
    try {
      let current = this.dwellingStatus.get(dwelling.id) ?? 'unknown';
      if (current === 'unknown') {
        // After an uncertain change: ask the source where the dwelling stands (a read, not a write).
        const g = this.gateway();
        const unit = await g.admin.call(getHousingUnit, { params: { id: dwelling.id } }).catch(() => null);
        if (!unit) return;
        current = unit.status;
        this.dwellingStatus.set(dwelling.id, current);
      }
      const target = nextHousingStatus(current);
      const { body, record } = await this.send(
        'housing-status',
        (g) => g.admin,
        changeHousingStatus,
        { params: { id: dwelling.id }, body: target },
        { housingUnitId: dwelling.id, housingStatus: target.status },
      );
      if (body) {
        record.sequence = body.sequence;
        this.dwellingStatus.set(dwelling.id, body.status);
      } else {
        // Uncertain, or refused because the load's idea of the dwelling was wrong: ask the source next time.
        this.dwellingStatus.set(dwelling.id, 'unknown');
      }
    } finally {
      this.busyDwellings.delete(dwelling.id);
    }
  }
}
