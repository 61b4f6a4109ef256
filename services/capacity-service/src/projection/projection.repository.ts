/** SQL of the read model: unit states, scope totals and the append-only event history. */
import { Injectable } from '@nestjs/common';
import type { UnitOccupancyChangedEvent } from '@plass/contracts';
import type { EntityManager } from 'typeorm';
import type { ScopeDelta, UnitState } from './project';

export interface ScopeTotalsRow {
  scope_key: string;
  scope: string;
  scope_id: string | null;
  name: string | null;
  capacity: number;
  occupied: number;
  blocked: number;
  reserved: number;
  version: string;
  updated_at: Date;
}

interface UnitStateRow {
  unit_id: string;
  unit_name: string;
  institution_id: string;
  institution_name: string;
  category: UnitState['category'];
  provider_type: UnitState['providerType'];
  district_code: UnitState['districtCode'];
  capacity: number;
  occupied: number;
  blocked: number;
  reserved: number;
  closed: boolean;
  sequence: string;
  last_change_kind: string;
  last_change_at: Date;
}

function values(rows: unknown[][]): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const sql = rows
    .map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`)
    .join(', ');
  return { sql, params };
}

@Injectable()
export class ProjectionRepository {
  /** Appends events to the history; a replayed (unit, sequence) is ignored. */
  async appendHistory(manager: EntityManager, events: UnitOccupancyChangedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const { sql, params } = values(
      events.map((e) => [e.subject, e.sequence, e.id, e.time, e.data.change.kind, JSON.stringify(e.data)]),
    );
    await manager.query(
      `INSERT INTO occupancy_event (unit_id, sequence, event_id, time, kind, data) VALUES ${sql}
       ON CONFLICT (unit_id, sequence) DO NOTHING`,
      params,
    );
  }

  /** Reads and locks the units' states, in id order so that concurrent batches cannot deadlock. */
  async lockStates(manager: EntityManager, unitIds: string[]): Promise<Map<string, UnitState>> {
    const rows = await manager.query<UnitStateRow[]>(
      'SELECT * FROM unit_state WHERE unit_id = ANY($1::uuid[]) ORDER BY unit_id FOR UPDATE',
      [unitIds],
    );
    return new Map(rows.map((r) => [r.unit_id, toState(r)]));
  }

  async saveStates(manager: EntityManager, states: UnitState[]): Promise<void> {
    if (states.length === 0) return;
    const { sql, params } = values(
      states.map((s) => [
        s.unitId,
        s.unitName,
        s.institutionId,
        s.institutionName,
        s.category,
        s.providerType,
        s.districtCode,
        s.capacity,
        s.occupied,
        s.blocked,
        s.reserved,
        s.closed,
        s.sequence,
        s.lastChangeKind,
        s.lastChangeAt,
      ]),
    );
    await manager.query(
      `INSERT INTO unit_state (unit_id, unit_name, institution_id, institution_name, category, provider_type,
         district_code, capacity, occupied, blocked, reserved, closed, sequence, last_change_kind, last_change_at)
       VALUES ${sql}
       ON CONFLICT (unit_id) DO UPDATE SET
         unit_name = EXCLUDED.unit_name, institution_id = EXCLUDED.institution_id,
         institution_name = EXCLUDED.institution_name, category = EXCLUDED.category,
         provider_type = EXCLUDED.provider_type, district_code = EXCLUDED.district_code,
         capacity = EXCLUDED.capacity, occupied = EXCLUDED.occupied, blocked = EXCLUDED.blocked,
         reserved = EXCLUDED.reserved, closed = EXCLUDED.closed, sequence = EXCLUDED.sequence,
         last_change_kind = EXCLUDED.last_change_kind, last_change_at = EXCLUDED.last_change_at
       WHERE unit_state.sequence < EXCLUDED.sequence`,
      params,
    );
  }

  /** Adds the deltas to the scopes' totals and bumps each scope's version; returns the new totals. */
  async applyDeltas(manager: EntityManager, deltas: ScopeDelta[]): Promise<ScopeTotalsRow[]> {
    if (deltas.length === 0) return [];
    const sorted = [...deltas].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const { sql, params } = values(
      sorted.map((d) => [
        d.key,
        d.scope,
        d.id,
        d.name,
        d.delta.capacity,
        d.delta.occupied,
        d.delta.blocked,
        d.delta.reserved,
      ]),
    );
    return await manager.query<ScopeTotalsRow[]>(
      `INSERT INTO scope_totals AS t (scope_key, scope, scope_id, name, capacity, occupied, blocked, reserved, version, updated_at)
       SELECT v.k, v.s, v.i, v.n, v.c::int, v.o::int, v.b::int, v.r::int, 1, now()
         FROM (VALUES ${sql}) AS v(k, s, i, n, c, o, b, r)
       ON CONFLICT (scope_key) DO UPDATE SET
         name = EXCLUDED.name,
         capacity = t.capacity + EXCLUDED.capacity, occupied = t.occupied + EXCLUDED.occupied,
         blocked = t.blocked + EXCLUDED.blocked, reserved = t.reserved + EXCLUDED.reserved,
         version = t.version + 1, updated_at = now()
       RETURNING *`,
      params,
    );
  }

  async findScope(manager: EntityManager, key: string): Promise<ScopeTotalsRow | null> {
    const rows = await manager.query<ScopeTotalsRow[]>('SELECT * FROM scope_totals WHERE scope_key = $1', [
      key,
    ]);
    return rows[0] ?? null;
  }

  async listScopes(manager: EntityManager, scope: string): Promise<ScopeTotalsRow[]> {
    return await manager.query<ScopeTotalsRow[]>(
      'SELECT * FROM scope_totals WHERE scope = $1 ORDER BY scope_key',
      [scope],
    );
  }
}

function toState(r: UnitStateRow): UnitState {
  return {
    unitId: r.unit_id,
    unitName: r.unit_name,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    category: r.category,
    providerType: r.provider_type,
    districtCode: r.district_code,
    capacity: r.capacity,
    occupied: r.occupied,
    blocked: r.blocked,
    reserved: r.reserved,
    closed: r.closed,
    sequence: Number(r.sequence),
    lastChangeKind: r.last_change_kind,
    lastChangeAt: r.last_change_at.toISOString(),
  };
}
