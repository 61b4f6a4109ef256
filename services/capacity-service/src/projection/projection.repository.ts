/** SQL of the read model: unit states, scope totals and the append-only event history. */
import { Injectable } from '@nestjs/common';
import type { UnitOccupancyChangedEvent } from '@plass/contracts';
import type { EntityManager } from 'typeorm';
import type { ScopeDelta, UnitState } from './project';
import { unitStateFromRow, type UnitStateRow } from './unit-state-row';

export interface ScopeTotalsRow {
  scope_key: string;
  scope: string;
  scope_id: string | null;
  name: string | null;
  capacity: number;
  occupied: number;
  blocked: number;
  reserved: number;
  /** Σ max(0, available) over the scope's open units (ADR 0171). */
  free: number;
  /** Σ max(0, −available) over the scope's open units: places used beyond what a unit has. */
  over_capacity: number;
  /** Referrals waiting in the scope (city and categories only; 0 elsewhere). */
  waiting: number;
  version: string;
  updated_at: Date;
}

@Injectable()
export class ProjectionRepository {
  /**
   * Appends events to the history; a replayed (unit, sequence) is ignored. One array per column
   * (unnest) rather than a VALUES list of six parameters an event: a drain's batch holds a thousand.
   */
  async appendHistory(manager: EntityManager, events: UnitOccupancyChangedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await manager.query(
      `INSERT INTO occupancy_event (unit_id, sequence, event_id, time, kind, data)
       SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::timestamptz[], $5::text[], $6::jsonb[])
       ON CONFLICT (unit_id, sequence) DO NOTHING`,
      [
        events.map((e) => e.subject),
        events.map((e) => e.sequence),
        events.map((e) => e.id),
        events.map((e) => e.time),
        events.map((e) => e.data.change.kind),
        events.map((e) => JSON.stringify(e.data)),
      ],
    );
  }

  /** Reads and locks the units' states, in id order so that concurrent batches cannot deadlock. */
  async lockStates(manager: EntityManager, unitIds: string[]): Promise<Map<string, UnitState>> {
    const rows = await manager.query<UnitStateRow[]>(
      'SELECT * FROM unit_state WHERE unit_id = ANY($1::uuid[]) ORDER BY unit_id FOR UPDATE',
      [unitIds],
    );
    return new Map(rows.map((r) => [r.unit_id, unitStateFromRow(r)]));
  }

  async saveStates(manager: EntityManager, states: UnitState[]): Promise<void> {
    if (states.length === 0) return;
    await manager.query(
      `INSERT INTO unit_state (unit_id, unit_name, institution_id, institution_name, category, provider_type,
         district_code, capacity, occupied, blocked, reserved, closed, sequence, last_change_kind, last_change_at,
         features)
       SELECT v.id, v.name, v.institution_id, v.institution_name, v.category, v.provider_type, v.district_code,
              v.capacity, v.occupied, v.blocked, v.reserved, v.closed, v.sequence, v.kind, v.at,
              string_to_array(v.features, ',')
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
           $8::int[], $9::int[], $10::int[], $11::int[], $12::boolean[], $13::bigint[], $14::text[],
           $15::timestamptz[], $16::text[])
           AS v(id, name, institution_id, institution_name, category, provider_type, district_code, capacity,
             occupied, blocked, reserved, closed, sequence, kind, at, features)
       ON CONFLICT (unit_id) DO UPDATE SET
         unit_name = EXCLUDED.unit_name, institution_id = EXCLUDED.institution_id,
         institution_name = EXCLUDED.institution_name, category = EXCLUDED.category,
         provider_type = EXCLUDED.provider_type, district_code = EXCLUDED.district_code,
         features = EXCLUDED.features,
         capacity = EXCLUDED.capacity, occupied = EXCLUDED.occupied, blocked = EXCLUDED.blocked,
         reserved = EXCLUDED.reserved, closed = EXCLUDED.closed, sequence = EXCLUDED.sequence,
         last_change_kind = EXCLUDED.last_change_kind, last_change_at = EXCLUDED.last_change_at
       WHERE unit_state.sequence < EXCLUDED.sequence`,
      [
        states.map((s) => s.unitId),
        states.map((s) => s.unitName),
        states.map((s) => s.institutionId),
        states.map((s) => s.institutionName),
        states.map((s) => s.category),
        states.map((s) => s.providerType),
        states.map((s) => s.districtCode),
        states.map((s) => s.capacity),
        states.map((s) => s.occupied),
        states.map((s) => s.blocked),
        states.map((s) => s.reserved),
        states.map((s) => s.closed),
        states.map((s) => s.sequence),
        states.map((s) => s.lastChangeKind),
        states.map((s) => s.lastChangeAt),
        // One text per unit: a parameter cannot be an array of arrays of different lengths. Feature
        // codes are from a closed list without commas; '' is the empty array.
        states.map((s) => s.features.join(',')),
      ],
    );
  }

  /**
   * Adds the deltas to the scopes' totals and bumps each scope's version; returns the new totals. Rows
   * are upserted in key order, so concurrent batches lock them in the same order and never deadlock.
   * One array per column: a VALUES list of eight parameters a scope breaks PostgreSQL's limit of 65,535
   * parameters once a batch touches some 8,000 scopes (a national registration drain does).
   */
  async applyDeltas(manager: EntityManager, deltas: ScopeDelta[]): Promise<ScopeTotalsRow[]> {
    if (deltas.length === 0) return [];
    return await manager.query<ScopeTotalsRow[]>(
      `INSERT INTO scope_totals AS t (scope_key, scope, scope_id, name, capacity, occupied, blocked, reserved,
         free, over_capacity, version, updated_at)
       SELECT v.k, v.s, v.i, v.n, v.c, v.o, v.b, v.r, v.f, v.x, 1, now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[],
           $9::int[], $10::int[])
           AS v(k, s, i, n, c, o, b, r, f, x)
        ORDER BY v.k
       ON CONFLICT (scope_key) DO UPDATE SET
         name = EXCLUDED.name,
         capacity = t.capacity + EXCLUDED.capacity, occupied = t.occupied + EXCLUDED.occupied,
         blocked = t.blocked + EXCLUDED.blocked, reserved = t.reserved + EXCLUDED.reserved,
         free = t.free + EXCLUDED.free, over_capacity = t.over_capacity + EXCLUDED.over_capacity,
         version = t.version + 1, updated_at = now()
       RETURNING *`,
      [
        deltas.map((d) => d.key),
        deltas.map((d) => d.scope),
        deltas.map((d) => d.id),
        deltas.map((d) => d.name),
        deltas.map((d) => d.delta.capacity),
        deltas.map((d) => d.delta.occupied),
        deltas.map((d) => d.delta.blocked),
        deltas.map((d) => d.delta.reserved),
        deltas.map((d) => d.delta.free),
        deltas.map((d) => d.delta.overCapacity),
      ],
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
