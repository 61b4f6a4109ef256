/** SQL of the demand report: the referrals that count in a period, and the categories' free places over it. */
import { Injectable } from '@nestjs/common';
import type { OfferDeclineReason, ReferralStatus } from '@plass/domain';
import type { EntityManager } from 'typeorm';
import { WAITING_STATUSES } from './referral-projection';

export interface DemandReferralRow {
  first_category: string;
  district_code: string;
  status: ReferralStatus;
  created_at: Date;
  placed_at: Date | null;
  withdrawn_at: Date | null;
}

export interface DemandDeclineRow {
  first_category: string;
  district_code: string;
  reason: OfferDeclineReason;
  decided_at: Date;
}

export interface AvailableChangeRow {
  scope_key: string;
  at: Date;
  delta: number;
}

@Injectable()
export class DemandRepository {
  /** Referrals received, placed or withdrawn in [from, to), and every one waiting now. */
  async referrals(manager: EntityManager, from: Date, to: Date): Promise<DemandReferralRow[]> {
    return await manager.query<DemandReferralRow[]>(
      `SELECT first_category, district_code, status, created_at, placed_at, withdrawn_at
         FROM referral_state
        WHERE (created_at >= $1 AND created_at < $2)
           OR (placed_at >= $1 AND placed_at < $2)
           OR (withdrawn_at >= $1 AND withdrawn_at < $2)
           OR status = ANY($3::text[])`,
      [from, to, WAITING_STATUSES],
    );
  }

  /** Offers declined in [from, to). */
  async declines(manager: EntityManager, from: Date, to: Date): Promise<DemandDeclineRow[]> {
    return await manager.query<DemandDeclineRow[]>(
      `SELECT first_category, district_code, reason, decided_at FROM referral_offer_decline
        WHERE decided_at >= $1 AND decided_at < $2`,
      [from, to],
    );
  }

  /**
   * Each category's free places when `from` began (categories with history before it only), summed per
   * unit: a unit over capacity takes no free place from another (ADR 0192).
   */
  async categoriesAvailableAt(manager: EntityManager, from: Date): Promise<Map<string, number>> {
    const rows = await manager.query<{ scope_key: string; available: number }[]>(
      `SELECT scope_key, sum(free_delta)::int AS available
         FROM scope_history WHERE scope_key LIKE 'category:%' AND at < $1 GROUP BY scope_key`,
      [from],
    );
    return new Map(rows.map((r) => [r.scope_key, r.available]));
  }

  /** Every change of the categories' free places in [from, to), per category in time order. */
  async categoryChanges(manager: EntityManager, from: Date, to: Date): Promise<AvailableChangeRow[]> {
    return await manager.query<AvailableChangeRow[]>(
      `SELECT scope_key, at, free_delta AS delta
         FROM scope_history WHERE scope_key LIKE 'category:%' AND at >= $1 AND at < $2
        ORDER BY scope_key, at`,
      [from, to],
    );
  }
}
