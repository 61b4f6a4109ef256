/** SQL of the forecast: open units and their open stays, as the read model has them now. */
import { Injectable } from '@nestjs/common';
import type { ServiceCategoryCode } from '@plass/domain';
import type { EntityManager } from 'typeorm';
import type { ForecastStay, ForecastUnit } from './forecast';

@Injectable()
export class ForecastRepository {
  /** Open units and their open stays, read in one snapshot so that the two agree. */
  async openUnitsAndStays(
    manager: EntityManager,
    category: ServiceCategoryCode | null,
  ): Promise<{ units: ForecastUnit[]; stays: ForecastStay[] }> {
    return await manager.transaction('REPEATABLE READ', async (tx) => {
      const units = await tx.query<ForecastUnit[]>(
        `SELECT unit_id AS "unitId", category, capacity, occupied, blocked, reserved
           FROM unit_state WHERE NOT closed AND ($1::text IS NULL OR category = $1) ORDER BY unit_id`,
        [category],
      );
      const stays = await tx.query<
        { unitId: string; admittedAt: Date; plannedDischargeDate: string | null }[]
      >(
        `SELECT s.unit_id AS "unitId", s.admitted_at AS "admittedAt",
                to_char(s.planned_discharge_date, 'YYYY-MM-DD') AS "plannedDischargeDate"
           FROM stay s JOIN unit_state u ON u.unit_id = s.unit_id AND NOT u.closed
          WHERE s.discharged_at IS NULL AND ($1::text IS NULL OR u.category = $1)`,
        [category],
      );
      return { units, stays: stays.map((s) => ({ ...s, admittedAt: s.admittedAt.toISOString() })) };
    });
  }
}
