/** SQL of the forecast: open units and their open stays, as the read model has them now. */
import { Injectable } from '@nestjs/common';
import type { ServiceCategoryCode } from '@plass/domain';
import type { EntityManager } from 'typeorm';
import type { CategoryArrivals, ForecastStay, ForecastUnit } from './forecast';

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

  /**
   * Per category, admissions (stays admitted, whatever became of them) and referrals received (by first
   * preference) since `since`.
   */
  async arrivalsSince(
    manager: EntityManager,
    since: Date,
    category: ServiceCategoryCode | null,
  ): Promise<Map<ServiceCategoryCode, CategoryArrivals>> {
    const rows = await manager.query<
      { category: ServiceCategoryCode; admissions: number; referrals: number }[]
    >(
      `SELECT category, sum(admissions)::int AS admissions, sum(referrals)::int AS referrals FROM (
         SELECT category, count(*) AS admissions, 0 AS referrals FROM stay
          WHERE admitted_at >= $1 AND ($2::text IS NULL OR category = $2) GROUP BY category
         UNION ALL
         SELECT first_category, 0, count(*) FROM referral_state
          WHERE created_at >= $1 AND ($2::text IS NULL OR first_category = $2) GROUP BY first_category
       ) a GROUP BY category`,
      [since, category],
    );
    return new Map(rows.map((r) => [r.category, { admissions: r.admissions, referrals: r.referrals }]));
  }
}
