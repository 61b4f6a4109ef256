/** SQL of the steering indicators, over the stays the read model knows from admission and discharge events. */
import { Injectable } from '@nestjs/common';
import type { DischargeReason, DistrictCode, ServiceCategoryCode } from '@plass/domain';
import type { EntityManager } from 'typeorm';

export interface DayCountRow {
  date: string;
  count: number;
}

export interface ReasonCountRow {
  category: ServiceCategoryCode;
  reason: DischargeReason;
  count: number;
  /** Of them, stays referred as `utenbys` (no Oslo address). */
  without_oslo_address: number;
}

export interface ReferralCountRow {
  district_code: DistrictCode;
  category: ServiceCategoryCode;
  count: number;
}

export interface BeyondNormRow {
  category: ServiceCategoryCode;
  /** The bucket's key, by the stay's length in days (admission to discharge or the period's end). */
  bucket: string;
  count: number;
}

export interface OverNormRow {
  category: ServiceCategoryCode;
  open_stays: number;
  over_norm: number;
  longest_days: number | null;
}

@Injectable()
export class IndicatorsRepository {
  /** Stays admitted (or discharged) per calendar day of the zone. */
  async perDay(
    manager: EntityManager,
    column: 'admitted_at' | 'discharged_at',
    from: Date,
    to: Date,
    timeZone: string,
  ): Promise<DayCountRow[]> {
    return await manager.query<DayCountRow[]>(
      `SELECT to_char((${column} AT TIME ZONE $3)::date, 'YYYY-MM-DD') AS date, count(*)::int AS count
         FROM stay WHERE ${column} >= $1 AND ${column} < $2 GROUP BY 1`,
      [from, to, timeZone],
    );
  }

  async dischargesByReason(manager: EntityManager, from: Date, to: Date): Promise<ReasonCountRow[]> {
    return await manager.query<ReasonCountRow[]>(
      `SELECT category, discharge_reason AS reason, count(*)::int AS count,
              count(*) FILTER (WHERE referring_district_code = 'utenbys')::int AS without_oslo_address
         FROM stay WHERE discharged_at >= $1 AND discharged_at < $2 GROUP BY 1, 2`,
      [from, to],
    );
  }

  /** Stays begun in the period per referring district and category. */
  async referrals(manager: EntityManager, from: Date, to: Date): Promise<ReferralCountRow[]> {
    return await manager.query<ReferralCountRow[]>(
      `SELECT referring_district_code AS district_code, category, count(*)::int AS count
         FROM stay WHERE admitted_at >= $1 AND admitted_at < $2 GROUP BY 1, 2`,
      [from, to],
    );
  }

  /**
   * Stays going on at some time in [from, to) whose length, from admission to discharge or `to` whichever
   * comes first, exceeds the category's norm, per category and length bucket (ADR 0221). Lengths are
   * elapsed time; a bucket holds lengths in (minDays, maxDays].
   */
  async staysBeyondNorm(
    manager: EntityManager,
    from: Date,
    to: Date,
    norms: { category: string; days: number }[],
    buckets: readonly { key: string; minDays: number; maxDays: number | null }[],
  ): Promise<BeyondNormRow[]> {
    return await manager.query<BeyondNormRow[]>(
      `WITH stays AS (
         SELECT s.category, n.days AS norm_days,
                EXTRACT(EPOCH FROM (LEAST(COALESCE(s.discharged_at, $2::timestamptz), $2::timestamptz) - s.admitted_at))
                  / 86400 AS length_days
           FROM stay s JOIN unnest($3::text[], $4::int[]) AS n(category, days) ON n.category = s.category
          WHERE s.admitted_at < $2 AND (s.discharged_at IS NULL OR s.discharged_at >= $1))
       SELECT st.category, b.key AS bucket, count(*)::int AS count
         FROM stays st
         JOIN unnest($5::text[], $6::int[], $7::int[]) AS b(key, min_days, max_days)
           ON st.length_days > b.min_days AND (b.max_days IS NULL OR st.length_days <= b.max_days)
        WHERE st.length_days > st.norm_days
        GROUP BY 1, 2`,
      [
        from,
        to,
        norms.map((n) => n.category),
        norms.map((n) => n.days),
        buckets.map((b) => b.key),
        buckets.map((b) => b.minDays),
        buckets.map((b) => b.maxDays),
      ],
    );
  }

  /** Stays open at `at` per category: how many, how many older than the norm, and the longest in days. */
  async openStaysOverNorm(
    manager: EntityManager,
    at: Date,
    norms: { category: string; days: number }[],
  ): Promise<OverNormRow[]> {
    return await manager.query<OverNormRow[]>(
      `SELECT s.category, count(*)::int AS open_stays,
              count(*) FILTER (WHERE s.admitted_at < $1::timestamptz - make_interval(days => n.days))::int AS over_norm,
              floor(EXTRACT(EPOCH FROM ($1::timestamptz - min(s.admitted_at))) / 86400)::int AS longest_days
         FROM stay s JOIN unnest($2::text[], $3::int[]) AS n(category, days) ON n.category = s.category
        WHERE s.admitted_at < $1 AND (s.discharged_at IS NULL OR s.discharged_at >= $1)
        GROUP BY s.category`,
      [at, norms.map((n) => n.category), norms.map((n) => n.days)],
    );
  }
}
