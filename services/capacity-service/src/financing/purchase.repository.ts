/** SQL of the purchases the capacity service keeps (ADR 0225) and of the stays' bed-days per referring district. */
import { Injectable } from '@nestjs/common';
import type { PurchaseState } from '@plass/contracts';
import type { DistrictCode, ServiceCategoryCode } from '@plass/domain';
import type { EntityManager } from 'typeorm';

export interface PurchaseRow {
  id: string;
  district_code: DistrictCode;
  category: ServiceCategoryCode;
  first_day: string;
  last_day: string | null;
  price_per_day: number;
}

export interface ReferredBedDaysRow {
  referring_district_code: DistrictCode;
  provider_type: string;
  bed_days: number;
}

@Injectable()
export class PurchaseRepository {
  /**
   * Stores each purchase's state unless a newer or the same sequence is already there: duplicates and
   * replays change nothing, an older event never overwrites a newer one. Answers how many were applied.
   */
  async apply(manager: EntityManager, states: readonly PurchaseState[]): Promise<number> {
    let applied = 0;
    for (const p of states) {
      const rows = await manager.query<unknown[]>(
        `INSERT INTO purchase (id, district_code, category, first_day, last_day, price_per_day, sequence)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET district_code = EXCLUDED.district_code, category = EXCLUDED.category,
           first_day = EXCLUDED.first_day, last_day = EXCLUDED.last_day,
           price_per_day = EXCLUDED.price_per_day, sequence = EXCLUDED.sequence
         WHERE purchase.sequence < EXCLUDED.sequence
         RETURNING id`,
        [p.id, p.districtCode, p.category, p.from, p.to, p.pricePerDay, p.sequence],
      );
      applied += rows.length;
    }
    return applied;
  }

  /** The purchases that cover at least one day of [firstDay, lastDay] (YYYY-MM-DD, inclusive). */
  async overlapping(manager: EntityManager, firstDay: string, lastDay: string): Promise<PurchaseRow[]> {
    return await manager.query<PurchaseRow[]>(
      `SELECT id, district_code, category, to_char(first_day, 'YYYY-MM-DD') AS first_day,
              to_char(last_day, 'YYYY-MM-DD') AS last_day, price_per_day
         FROM purchase WHERE first_day <= $2 AND (last_day IS NULL OR last_day >= $1)
        ORDER BY id`,
      [firstDay, lastDay],
    );
  }

  /**
   * Bed-days of the stays in municipal and non-profit units over [from, to), per referring district and
   * provider type: each stay's time inside the period on the Oslo wall clock, as the utilisation report
   * measures (a calendar day is one bed-day, also at the daylight-saving changes).
   */
  async referredBedDays(manager: EntityManager, from: Date, to: Date): Promise<ReferredBedDaysRow[]> {
    return await manager.query<ReferredBedDaysRow[]>(
      `SELECT referring_district_code, provider_type,
              sum(extract(epoch FROM
                    timezone('Europe/Oslo', least(coalesce(discharged_at, $2), $2))
                  - timezone('Europe/Oslo', greatest(admitted_at, $1))) / 86400)::float8 AS bed_days
         FROM stay
        WHERE provider_type IN ('municipal', 'nonprofit') AND admitted_at < $2
          AND (discharged_at IS NULL OR discharged_at > $1)
        GROUP BY referring_district_code, provider_type`,
      [from, to],
    );
  }
}
