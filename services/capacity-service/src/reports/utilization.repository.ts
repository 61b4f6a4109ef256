/**
 * SQL of the utilisation report: each unit's state when the period begins and its changes within it, on
 * the effective time line (ADR 0215). The changes are the unit's own rows of the scope history (scope
 * `unit:<id>`): per event, what the unit counts for after it minus before it by sequence (nothing while
 * closed), at the event's effective time, a correction's moved effect at its old and new time (ADR 0216).
 * The other fields (closed, names, groups) come from the events themselves.
 */
import { Injectable } from '@nestjs/common';
import type { DistrictCode, ProviderType, ServiceCategoryCode } from '@plass/domain';
import type { EntityManager } from 'typeorm';

/** A unit's event as the report groups it; at `from`, with the counts summed up to then. */
export interface UnitStateRow {
  unit_id: string;
  sequence: number;
  /** When the event took effect: `change.effectiveAt`, or its time (ADR 0215). */
  time: Date;
  capacity: number;
  occupied: number;
  blocked: number;
  closed: boolean;
  category: ServiceCategoryCode;
  institution_id: string;
  institution_name: string;
  provider_type: ProviderType;
  district_code: DistrictCode;
}

/** One change of what a unit counts for, at its effective time. */
export interface UnitDeltaRow {
  unit_id: string;
  sequence: number;
  at: Date;
  capacity: number;
  occupied: number;
  blocked: number;
}

const FIELDS = `unit_id, sequence::int AS sequence, effective_at AS time,
  (data->>'capacity')::int AS capacity, (data->>'occupied')::int AS occupied,
  (data->>'blocked')::int AS blocked, (data->>'closed')::boolean AS closed,
  data->>'category' AS category, data->>'institutionId' AS institution_id,
  data->>'institutionName' AS institution_name, data->>'providerType' AS provider_type,
  data->>'districtCode' AS district_code`;

/**
 * Every unit's own history, a range of the primary key (scope_key, at, …) per unit: as a lateral join, so
 * that each is an index-only range scan (with `scope_key = ANY (subquery)` the planner scans the table).
 */
const unitHistory = (select: string, where: string) =>
  `FROM unit_state u CROSS JOIN LATERAL (
     SELECT ${select} FROM scope_history h WHERE h.scope_key = 'unit:' || u.unit_id AND ${where}) h`;

@Injectable()
export class UtilizationRepository {
  /**
   * Each unit's state when the period begins: the fields of its last event in effect before `from` (a
   * correction changes none), with the counts of all its changes that took effect before `from`.
   */
  async statesAt(manager: EntityManager, from: Date): Promise<UnitStateRow[]> {
    return await manager.query<UnitStateRow[]>(
      `WITH last AS (
         SELECT e.* FROM unit_state u CROSS JOIN LATERAL (
           SELECT ${FIELDS} FROM occupancy_event
            WHERE unit_id = u.unit_id AND effective_at < $1 AND kind <> 'corrected'
            ORDER BY effective_at DESC, sequence DESC LIMIT 1) e
       ), counts AS (
         SELECT u.unit_id, h.capacity, h.occupied, h.blocked
           ${unitHistory(
             `SUM(capacity_delta)::int AS capacity, SUM(occupied_delta)::int AS occupied,
              SUM(blocked_delta)::int AS blocked`,
             'h.at < $1',
           )}
       )
       SELECT l.unit_id, l.sequence, l.time, COALESCE(c.capacity, 0) AS capacity,
              COALESCE(c.occupied, 0) AS occupied, COALESCE(c.blocked, 0) AS blocked, l.closed,
              l.category, l.institution_id, l.institution_name, l.provider_type, l.district_code
         FROM last l LEFT JOIN counts c USING (unit_id)
        ORDER BY l.unit_id`,
      [from],
    );
  }

  /** The units' events that took effect in [from, to), corrections left out (they change no field). */
  async events(manager: EntityManager, from: Date, to: Date): Promise<UnitStateRow[]> {
    return await manager.query<UnitStateRow[]>(
      `SELECT ${FIELDS} FROM occupancy_event
        WHERE effective_at >= $1 AND effective_at < $2 AND kind <> 'corrected'
        ORDER BY unit_id, effective_at, sequence`,
      [from, to],
    );
  }

  /** The units' changes that took effect in [from, to). */
  async deltas(manager: EntityManager, from: Date, to: Date): Promise<UnitDeltaRow[]> {
    return await manager.query<UnitDeltaRow[]>(
      `SELECT u.unit_id, h.sequence::int AS sequence, h.at, h.capacity_delta AS capacity,
              h.occupied_delta AS occupied, h.blocked_delta AS blocked
         ${unitHistory('sequence, at, capacity_delta, occupied_delta, blocked_delta', 'h.at >= $1 AND h.at < $2')}
        ORDER BY u.unit_id, h.at, h.sequence`,
      [from, to],
    );
  }
}
