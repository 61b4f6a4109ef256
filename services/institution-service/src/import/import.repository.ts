/**
 * The import's database access: its job rows, what the files' rows are compared with, and the bulk
 * writes of a chunk of whole units (rows, unit counts and outbox events in one transaction, ADR 0219).
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type {
  ImportFile,
  ImportFileCountsDto,
  ImportJobDto,
  ImportRefusalDto,
  ImportStatus,
} from '@plass/contracts';
import type { DistrictCode, ProviderType, ServiceCategoryCode, UnitFeature } from '@plass/domain';
import { enqueueOutbox, type OutgoingMessage } from '@plass/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import type { UnitEntity } from '../unit';
import { occupancyChangedMessage, type UnitInstitution } from '../unit/unit.event';
import {
  capacityKey,
  type ExistingBlock,
  type ExistingInstitution,
  type ExistingState,
  type ExistingStay,
  type ExistingUnit,
  type UnitPlan,
} from './import-plan';
import { unitTimeline, type UnitCounts } from './unit-timeline';

/** Serialises imports across replicas: two at once could each find the other's new rows missing. */
const IMPORT_LOCK = 'plass.institution.import';

export interface JobRow {
  id: string;
  status: ImportStatus;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
  rows_total: number;
  rows_done: number;
  files: Record<ImportFile, ImportFileCountsDto>;
  refused: ImportRefusalDto[];
  refused_total: number;
  error: string | null;
}

export interface JobProgress {
  status?: ImportStatus;
  rowsTotal?: number;
  rowsDone?: number;
  files?: Record<ImportFile, ImportFileCountsDto>;
  refused?: ImportRefusalDto[];
  refusedTotal?: number;
  error?: string | null;
  finished?: boolean;
}

export const toJobDto = (row: JobRow): ImportJobDto => ({
  id: row.id,
  status: row.status,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
  finishedAt: row.finished_at?.toISOString() ?? null,
  rows: { total: row.rows_total, done: row.rows_done },
  files: row.files,
  refused: row.refused,
  refusedTotal: row.refused_total,
  error: row.error,
});

const uuids = (values: Iterable<string>) => [...new Set(values)];

interface LockedUnit {
  id: string;
  institution_id: string;
  name: string;
  category: ServiceCategoryCode;
  features: UnitFeature[];
  capacity: number;
  occupied: number;
  blocked: number;
  reserved: number;
  closed: boolean;
  sequence: string;
  opened_at: Date;
  institution_name: string;
  provider_type: ProviderType;
  district_code: DistrictCode;
}

@Injectable()
export class ImportRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async createJob(id: string, actor: string, files: Record<ImportFile, ImportFileCountsDto>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO import_job (id, actor, status, files) VALUES ($1, $2, 'validating', $3)`,
      [id, actor, JSON.stringify(files)],
    );
  }

  async findJob(id: string): Promise<JobRow | null> {
    const rows = await this.dataSource.query<JobRow[]>(
      `SELECT id, status, created_at, updated_at, finished_at, rows_total, rows_done, files, refused,
              refused_total, error
         FROM import_job WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async updateJob(id: string, p: JobProgress): Promise<void> {
    await this.dataSource.query(
      `UPDATE import_job SET
         status = coalesce($2, status),
         rows_total = coalesce($3, rows_total),
         rows_done = coalesce($4, rows_done),
         files = coalesce($5::jsonb, files),
         refused = coalesce($6::jsonb, refused),
         refused_total = coalesce($7, refused_total),
         error = CASE WHEN $8::boolean THEN $9 ELSE error END,
         finished_at = CASE WHEN $10::boolean THEN now() ELSE finished_at END,
         updated_at = now()
       WHERE id = $1`,
      [
        id,
        p.status ?? null,
        p.rowsTotal ?? null,
        p.rowsDone ?? null,
        p.files ? JSON.stringify(p.files) : null,
        p.refused ? JSON.stringify(p.refused) : null,
        p.refusedTotal ?? null,
        p.error !== undefined,
        p.error ?? null,
        p.finished ?? false,
      ],
    );
  }

  /** Runs `work` while no other import of any replica runs (a session lock on its own connection). */
  async exclusively<T>(work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock(hashtext($1))', [IMPORT_LOCK]);
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [IMPORT_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  /** What the files' rows are compared with: every institution and unit, and the named stays and blocks. */
  async loadExisting(ids: { stays: Iterable<string>; blocks: Iterable<string> }): Promise<ExistingState> {
    const q = this.dataSource;
    const [institutions, units, stays, blocks, capacity] = await Promise.all([
      q.query<{ id: string; name: string; provider_type: ProviderType; district_code: DistrictCode }[]>(
        `SELECT id, name, provider_type, district_code FROM institution`,
      ),
      q.query<
        {
          id: string;
          institution_id: string;
          name: string;
          category: ServiceCategoryCode;
          closed: boolean;
          closed_at: Date | null;
          opened_at: Date | null;
          last_capacity_at: Date | null;
        }[]
      >(
        `SELECT u.id, u.institution_id, u.name, u.category, u.closed, u.closed_at, u.opened_at,
                (SELECT max(c.changed_at) FROM capacity_change c WHERE c.unit_id = u.id) AS last_capacity_at
           FROM unit u`,
      ),
      q.query<
        {
          id: string;
          unit_id: string;
          referring_district_code: string;
          admitted_at: Date;
          discharged_at: Date | null;
          discharge_reason: string | null;
          planned_discharge_date: string | null;
        }[]
      >(
        `SELECT id, unit_id, referring_district_code, admitted_at, discharged_at, discharge_reason,
                planned_discharge_date::text AS planned_discharge_date
           FROM stay WHERE id = ANY($1::uuid[])`,
        [uuids(ids.stays)],
      ),
      q.query<
        {
          id: string;
          unit_id: string;
          places: number;
          reason: string | null;
          created_at: Date;
          ends_at: Date | null;
        }[]
      >(
        `SELECT id, unit_id, places, reason, created_at, coalesce(released_at, until) AS ends_at
           FROM block WHERE id = ANY($1::uuid[])`,
        [uuids(ids.blocks)],
      ),
      q.query<{ unit_id: string; changed_at: Date; capacity: number }[]>(
        `SELECT unit_id, changed_at, capacity FROM capacity_change`,
      ),
    ]);
    return {
      institutions: new Map<string, ExistingInstitution>(
        institutions.map((i) => [
          i.id,
          { id: i.id, name: i.name, providerType: i.provider_type, districtCode: i.district_code },
        ]),
      ),
      units: new Map<string, ExistingUnit>(
        units.map((u) => [
          u.id,
          {
            id: u.id,
            institutionId: u.institution_id,
            name: u.name,
            category: u.category,
            closed: u.closed,
            closedAt: u.closed_at,
            openedAt: u.opened_at,
            lastCapacityAt: u.last_capacity_at,
          },
        ]),
      ),
      stays: new Map<string, ExistingStay>(
        stays.map((s) => [
          s.id,
          {
            unitId: s.unit_id,
            referringDistrictCode: s.referring_district_code,
            admittedAt: s.admitted_at,
            dischargedAt: s.discharged_at,
            dischargeReason: s.discharge_reason,
            plannedDischargeDate: s.planned_discharge_date,
          },
        ]),
      ),
      blocks: new Map<string, ExistingBlock>(
        blocks.map((b) => [
          b.id,
          {
            unitId: b.unit_id,
            places: b.places,
            reason: b.reason,
            from: b.created_at,
            to: b.ends_at,
          },
        ]),
      ),
      capacityAt: new Map(capacity.map((c) => [capacityKey(c.unit_id, c.changed_at), c.capacity])),
    };
  }

  /**
   * Applies whole units in one transaction: new institutions and units, stays, blocks, capacity changes,
   * the stored units' counts and sequence, and one outbox event per change. Returns the events written.
   */
  applyUnits(plans: readonly UnitPlan[], now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // A registered unit's institution as units.csv names it: validation made sure the database agrees.
      const institutions = new Map<string, UnitInstitution>();
      const fresh = plans.flatMap((p) => (p.register ? [p.register] : []));
      for (const r of fresh) {
        institutions.set(r.institutionId, {
          id: r.institutionId,
          name: r.institutionName,
          providerType: r.providerType,
          districtCode: r.districtCode,
        });
      }
      // Every institution of a registered unit, found or not: a chunk applied beside this one may be
      // creating it (ADR 0219); the id conflict waits for that one's commit and then skips the row.
      const newInstitutions = [...new Map(fresh.map((r) => [r.institutionId, r])).values()];
      if (newInstitutions.length) {
        await manager.query(
          `INSERT INTO institution (id, name, provider_type, district_code)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) ON CONFLICT (id) DO NOTHING`,
          [
            newInstitutions.map((r) => r.institutionId),
            newInstitutions.map((r) => r.institutionName),
            newInstitutions.map((r) => r.providerType),
            newInstitutions.map((r) => r.districtCode),
          ],
        );
      }
      // Units an import registered before or that the API did: locked, in id order (no deadlock).
      const storedIds = plans.filter((p) => !p.register).map((p) => p.unitId);
      const locked = storedIds.length
        ? await manager.query<LockedUnit[]>(
            `SELECT u.id, u.institution_id, u.name, u.category, u.features, u.capacity, u.occupied, u.blocked,
                    u.reserved, u.closed, u.sequence, u.opened_at, i.name AS institution_name, i.provider_type, i.district_code
               FROM unit u JOIN institution i ON i.id = u.institution_id
              WHERE u.id = ANY($1::uuid[]) ORDER BY u.id FOR UPDATE OF u`,
            [storedIds],
          )
        : [];
      const lockedById = new Map(locked.map((u) => [u.id, u]));
      const messages: OutgoingMessage[] = [];
      const newUnits: { unit: UnitEntity; openedAt: Date }[] = [];
      const storedUnits: UnitEntity[] = [];
      const capacityRows: { unitId: string; previous: number; capacity: number; at: Date }[] = [];
      for (const plan of plans) {
        const stored = lockedById.get(plan.unitId);
        if (!plan.register && !stored) throw new Error(`unit ${plan.unitId} is gone`);
        const base: UnitEntity = plan.register
          ? {
              id: plan.unitId,
              institutionId: plan.register.institutionId,
              name: plan.register.unitName,
              category: plan.register.category,
              features: [],
              capacity: 0,
              occupied: 0,
              blocked: 0,
              reserved: 0,
              closed: false,
              closedAt: null,
              sequence: 0,
              updatedAt: now,
              openedAt: plan.register.openedAt,
            }
          : unitOf(stored as LockedUnit, now);
        const institution: UnitInstitution = stored
          ? {
              id: stored.institution_id,
              name: stored.institution_name,
              providerType: stored.provider_type,
              districtCode: stored.district_code,
            }
          : (institutions.get(base.institutionId) as UnitInstitution);
        const start: UnitCounts = { ...base };
        const steps = unitTimeline(plan, start, now);
        let last: UnitEntity = base;
        for (const step of steps) {
          last = { ...base, ...step.counts };
          messages.push(occupancyChangedMessage(last, institution, step.change));
          if (step.change.kind === 'capacity') {
            capacityRows.push({
              unitId: plan.unitId,
              previous: step.counts.capacity - (step.change.places ?? 0),
              capacity: step.counts.capacity,
              at: new Date(step.change.effectiveAt as string),
            });
          }
        }
        if (plan.register) {
          const opening = plan.capacity.find((c) => c.from.getTime() === plan.register?.openedAt.getTime());
          if (opening) {
            capacityRows.push({
              unitId: plan.unitId,
              previous: 0,
              capacity: opening.capacity,
              at: opening.from,
            });
          }
          newUnits.push({ unit: last, openedAt: plan.register.openedAt });
        } else {
          storedUnits.push(last);
        }
      }

      await insertUnits(manager, newUnits);
      await updateUnits(manager, storedUnits);
      await insertStays(manager, plans);
      await insertBlocks(manager, plans, now);
      await insertCapacityChanges(manager, capacityRows);
      await enqueueOutbox(manager, messages);
      return messages.length;
    });
  }
}

function unitOf(row: LockedUnit, now: Date): UnitEntity {
  return {
    id: row.id,
    institutionId: row.institution_id,
    name: row.name,
    category: row.category,
    features: row.features,
    capacity: row.capacity,
    occupied: row.occupied,
    blocked: row.blocked,
    reserved: row.reserved,
    closed: row.closed,
    closedAt: null,
    sequence: Number(row.sequence),
    updatedAt: now,
    openedAt: row.opened_at,
  };
}

async function insertUnits(manager: EntityManager, units: { unit: UnitEntity; openedAt: Date }[]) {
  if (!units.length) return;
  await manager.query(
    `INSERT INTO unit (id, institution_id, name, category, capacity, occupied, blocked, reserved, closed,
                       sequence, updated_at, opened_at)
     SELECT id, institution_id, name, category, capacity, occupied, blocked, 0, false, sequence, $9, opened_at
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::bigint[],
                   $10::timestamptz[])
         AS t(id, institution_id, name, category, capacity, occupied, blocked, sequence, opened_at)`,
    [
      units.map((u) => u.unit.id),
      units.map((u) => u.unit.institutionId),
      units.map((u) => u.unit.name),
      units.map((u) => u.unit.category),
      units.map((u) => u.unit.capacity),
      units.map((u) => u.unit.occupied),
      units.map((u) => u.unit.blocked),
      units.map((u) => u.unit.sequence),
      units[0].unit.updatedAt,
      units.map((u) => u.openedAt),
    ],
  );
}

async function updateUnits(manager: EntityManager, units: UnitEntity[]) {
  if (!units.length) return;
  await manager.query(
    `UPDATE unit u SET capacity = t.capacity, occupied = t.occupied, blocked = t.blocked, sequence = t.sequence,
                       updated_at = $6
       FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::bigint[])
         AS t(id, capacity, occupied, blocked, sequence)
      WHERE u.id = t.id`,
    [
      units.map((u) => u.id),
      units.map((u) => u.capacity),
      units.map((u) => u.occupied),
      units.map((u) => u.blocked),
      units.map((u) => u.sequence),
      units[0].updatedAt,
    ],
  );
}

async function insertStays(manager: EntityManager, plans: readonly UnitPlan[]) {
  const stays = plans.flatMap((p) => p.stays);
  if (!stays.length) return;
  await manager.query(
    `INSERT INTO stay (id, unit_id, referring_district_code, admitted_at, discharged_at, discharge_reason,
                       planned_discharge_date)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[],
                          $7::date[])`,
    [
      stays.map((s) => s.stayId),
      stays.map((s) => s.unitId),
      stays.map((s) => s.referringDistrictCode),
      stays.map((s) => s.admittedAt),
      stays.map((s) => s.dischargedAt ?? null),
      stays.map((s) => s.dischargeReason ?? null),
      stays.map((s) => s.plannedDischargeDate ?? null),
    ],
  );
}

/** A block that ended before now is stored lifted at its end; one that ends later is open until then. */
async function insertBlocks(manager: EntityManager, plans: readonly UnitPlan[], now: Date) {
  const blocks = plans.flatMap((p) => p.blocks);
  if (!blocks.length) return;
  const ended = (b: (typeof blocks)[number]) => b.to !== undefined && b.to.getTime() <= now.getTime();
  await manager.query(
    `INSERT INTO block (id, unit_id, places, reason, until, created_at, released_at, release_kind)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::timestamptz[], $6::timestamptz[],
                          $7::timestamptz[], $8::text[])`,
    [
      blocks.map((b) => b.blockId),
      blocks.map((b) => b.unitId),
      blocks.map((b) => b.places),
      blocks.map((b) => b.reason),
      blocks.map((b) => b.to ?? null),
      blocks.map((b) => b.from),
      blocks.map((b) => (ended(b) ? (b.to ?? null) : null)),
      blocks.map((b) => (ended(b) ? 'lifted' : null)),
    ],
  );
}

async function insertCapacityChanges(
  manager: EntityManager,
  rows: { unitId: string; previous: number; capacity: number; at: Date }[],
) {
  if (!rows.length) return;
  await manager.query(
    `INSERT INTO capacity_change (id, unit_id, previous_capacity, capacity, reason, changed_at)
     SELECT id, unit_id, previous, capacity, 'decision', at
       FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[], $5::timestamptz[])
         AS t(id, unit_id, previous, capacity, at)`,
    [
      rows.map(() => randomUUID()),
      rows.map((r) => r.unitId),
      rows.map((r) => r.previous),
      rows.map((r) => r.capacity),
      rows.map((r) => r.at),
    ],
  );
}
