/** SQL of «Mine innbyggere»: a referring district's stays and referrals (ADR 0183). */
import { Injectable } from '@nestjs/common';
import type { DistrictCode } from '@plass/domain';
import type { EntityManager } from 'typeorm';
import type { OpenStayRow, RecentFlowRow, ReferralCountRow } from './residents';

@Injectable()
export class ResidentsRepository {
  /** Open stays the district referred, with their unit and institution as the read model names them. */
  async openStays(manager: EntityManager, districtCode: DistrictCode): Promise<OpenStayRow[]> {
    return await manager.query<OpenStayRow[]>(
      `SELECT s.unit_id AS "unitId", u.unit_name AS "unitName", s.institution_id AS "institutionId",
              u.institution_name AS "institutionName", s.category, s.district_code AS "institutionDistrictCode",
              s.admitted_at AS "admittedAt",
              to_char(s.planned_discharge_date, 'YYYY-MM-DD') AS "plannedDischargeDate"
         FROM stay s JOIN unit_state u ON u.unit_id = s.unit_id
        WHERE s.referring_district_code = $1 AND s.discharged_at IS NULL
        ORDER BY s.admitted_at`,
      [districtCode],
    );
  }

  /** Stays the district referred begun, and ended, since `since`, per category. */
  async recentFlow(
    manager: EntityManager,
    districtCode: DistrictCode,
    since: Date,
  ): Promise<RecentFlowRow[]> {
    return await manager.query<RecentFlowRow[]>(
      `SELECT category, count(*) FILTER (WHERE admitted_at >= $2)::int AS admitted,
              count(*) FILTER (WHERE discharged_at >= $2)::int AS discharged
         FROM stay
        WHERE referring_district_code = $1 AND (admitted_at >= $2 OR discharged_at >= $2)
        GROUP BY category`,
      [districtCode, since],
    );
  }

  /** The district's referrals waiting for an offer, and those with an open offer, per first preference. */
  async referrals(manager: EntityManager, districtCode: DistrictCode): Promise<ReferralCountRow[]> {
    return await manager.query<ReferralCountRow[]>(
      `SELECT first_category AS category,
              count(*) FILTER (WHERE status = 'waiting')::int AS waiting,
              count(*) FILTER (WHERE status = 'offered' AND offer_outcome = 'open')::int AS offers
         FROM referral_state
        WHERE district_code = $1 AND status IN ('waiting', 'offered')
        GROUP BY first_category`,
      [districtCode],
    );
  }
}
