/**
 * Intake's read model of the institutions' units (ADR 0161), from institution.occupancy.v1: each unit's
 * latest state by its `sequence`, and its open stays with their planned discharge. Always in the caller's
 * transaction. Never the institution service's tables: only its events.
 */
import { Injectable } from '@nestjs/common';
import type { UnitOccupancyChangedEvent } from '@plass/contracts';
import type { ReferralNeed, ServiceCategoryCode } from '@plass/domain';
import type { EntityManager } from 'typeorm';

export interface UnitPlace {
  unitId: string;
  unitName: string;
  institutionId: string;
  institutionName: string;
  category: ServiceCategoryCode;
  features: ReferralNeed[];
  capacity: number;
  occupied: number;
  blocked: number;
  reserved: number;
  closed: boolean;
  /** capacity − occupied − blocked − reserved. */
  available: number;
  /** The earliest planned discharge of its open stays (YYYY-MM-DD); null when none has one. */
  expectedFreeOn: string | null;
}

interface UnitPlaceRow {
  unit_id: string;
  unit_name: string;
  institution_id: string;
  institution_name: string;
  category: ServiceCategoryCode;
  features: ReferralNeed[];
  capacity: number;
  occupied: number;
  blocked: number;
  reserved: number;
  closed: boolean;
  expected_free_on: string | null;
}

const SELECT_UNITS = `
  SELECT u.*, (SELECT to_char(min(s.planned_discharge_date), 'YYYY-MM-DD') FROM unit_stay s
                WHERE s.unit_id = u.unit_id) AS expected_free_on
    FROM unit_place u`;

function toUnitPlace(r: UnitPlaceRow): UnitPlace {
  return {
    unitId: r.unit_id,
    unitName: r.unit_name,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    category: r.category,
    features: r.features,
    capacity: r.capacity,
    occupied: r.occupied,
    blocked: r.blocked,
    reserved: r.reserved,
    closed: r.closed,
    available: r.capacity - r.occupied - r.blocked - r.reserved,
    expectedFreeOn: r.expected_free_on,
  };
}

@Injectable()
export class UnitPlaceRepository {
  /**
   * Applies one event when it is newer than the unit's row (by `sequence`), with its stay: a redelivery or
   * an older event changes nothing. Locks the row. True when applied.
   */
  async apply(manager: EntityManager, event: UnitOccupancyChangedEvent): Promise<boolean> {
    const d = event.data;
    const rows = await manager.query<{ sequence: string }[]>(
      'SELECT sequence FROM unit_place WHERE unit_id = $1 FOR UPDATE',
      [d.unitId],
    );
    if (rows.length > 0 && Number(rows[0].sequence) >= event.sequence) return false;
    await manager.query(
      `INSERT INTO unit_place (unit_id, unit_name, institution_id, institution_name, category, features, capacity,
         occupied, blocked, reserved, closed, sequence, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (unit_id) DO UPDATE SET unit_name = $2, institution_id = $3, institution_name = $4,
         category = $5, features = CASE WHEN $14 THEN $6 ELSE unit_place.features END, capacity = $7,
         occupied = $8, blocked = $9, reserved = $10, closed = $11, sequence = $12, updated_at = $13`,
      [
        d.unitId,
        d.unitName,
        d.institutionId,
        d.institutionName,
        d.category,
        d.features ?? [],
        d.capacity,
        d.occupied,
        d.blocked,
        d.reserved,
        d.closed,
        event.sequence,
        event.time,
        // An event from before features existed keeps what the unit has (ADR 0154).
        d.features !== undefined,
      ],
    );
    const { kind, stayId, plannedDischargeDate } = d.change;
    if (kind === 'admission' && stayId) {
      await manager.query(
        `INSERT INTO unit_stay (stay_id, unit_id, planned_discharge_date) VALUES ($1, $2, $3)
         ON CONFLICT (stay_id) DO NOTHING`,
        [stayId, d.unitId, plannedDischargeDate ?? null],
      );
    } else if (kind === 'discharge' && stayId) {
      await manager.query('DELETE FROM unit_stay WHERE stay_id = $1', [stayId]);
    }
    return true;
  }

  async find(manager: EntityManager, unitId: string): Promise<UnitPlace | null> {
    const rows = await manager.query<UnitPlaceRow[]>(`${SELECT_UNITS} WHERE u.unit_id = $1`, [unitId]);
    return rows.length > 0 ? toUnitPlace(rows[0]) : null;
  }

  /** Open units in one of the categories that offer every one of the needs. */
  async fitting(
    manager: EntityManager,
    categories: readonly ServiceCategoryCode[],
    needs: readonly ReferralNeed[],
  ): Promise<UnitPlace[]> {
    const rows = await manager.query<UnitPlaceRow[]>(
      `${SELECT_UNITS} WHERE NOT u.closed AND u.category = ANY($1::text[]) AND u.features @> $2::text[]`,
      [categories, needs],
    );
    return rows.map(toUnitPlace);
  }
}
