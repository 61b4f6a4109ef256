/** SQL of demand: the referrals' latest states and the waiting counts on the scopes' totals. */
import { Injectable } from '@nestjs/common';
import { SERVICE_CATEGORIES, scopeKey, type ServiceCategoryCode } from '@plass/domain';
import type { EntityManager } from 'typeorm';
import type { ScopeTotalsRow } from '../projection/projection.repository';
import { WAITING_STATUSES, type OfferDecline, type ReferralRow } from './referral-projection';

interface ReferralStateRow {
  referral_id: string;
  district_code: string;
  categories: ServiceCategoryCode[];
  urgency: string;
  status: ReferralRow['status'];
  created_at: Date;
  placed_at: Date | null;
  withdrawn_at: Date | null;
  offer_outcome: ReferralRow['offerOutcome'];
  offer_expires_at: Date | null;
  sequence: string;
  updated_at: Date;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

@Injectable()
export class ReferralRepository {
  /** Reads and locks the referrals' states, in id order so that concurrent batches cannot deadlock. */
  async lockReferrals(manager: EntityManager, ids: string[]): Promise<Map<string, ReferralRow>> {
    const rows = await manager.query<ReferralStateRow[]>(
      'SELECT * FROM referral_state WHERE referral_id = ANY($1::uuid[]) ORDER BY referral_id FOR UPDATE',
      [ids],
    );
    return new Map(
      rows.map((r) => [
        r.referral_id,
        {
          referralId: r.referral_id,
          districtCode: r.district_code,
          categories: r.categories,
          urgency: r.urgency,
          status: r.status,
          createdAt: r.created_at.toISOString(),
          placedAt: iso(r.placed_at),
          withdrawnAt: iso(r.withdrawn_at),
          offerOutcome: r.offer_outcome,
          offerExpiresAt: iso(r.offer_expires_at),
          sequence: Number(r.sequence),
          updatedAt: r.updated_at.toISOString(),
        },
      ]),
    );
  }

  async saveReferrals(manager: EntityManager, referrals: ReferralRow[]): Promise<void> {
    if (referrals.length === 0) return;
    await manager.query(
      `INSERT INTO referral_state (referral_id, district_code, categories, first_category, urgency, status,
         created_at, placed_at, withdrawn_at, sequence, updated_at, offer_outcome, offer_expires_at)
       SELECT v.id, v.d, string_to_array(v.c, ','), split_part(v.c, ',', 1), v.u, v.s, v.ca, v.pa, v.wa, v.q, v.ua,
              v.oo, v.oe
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],
           $7::timestamptz[], $8::timestamptz[], $9::bigint[], $10::timestamptz[], $11::text[], $12::timestamptz[])
           AS v(id, d, c, u, s, ca, pa, wa, q, ua, oo, oe)
       ON CONFLICT (referral_id) DO UPDATE SET
         district_code = EXCLUDED.district_code, categories = EXCLUDED.categories,
         first_category = EXCLUDED.first_category, urgency = EXCLUDED.urgency, status = EXCLUDED.status,
         created_at = EXCLUDED.created_at, placed_at = EXCLUDED.placed_at,
         withdrawn_at = EXCLUDED.withdrawn_at, sequence = EXCLUDED.sequence, updated_at = EXCLUDED.updated_at,
         offer_outcome = EXCLUDED.offer_outcome, offer_expires_at = EXCLUDED.offer_expires_at
       WHERE referral_state.sequence < EXCLUDED.sequence`,
      [
        referrals.map((r) => r.referralId),
        referrals.map((r) => r.districtCode),
        referrals.map((r) => r.categories.join(',')),
        referrals.map((r) => r.urgency),
        referrals.map((r) => r.status),
        referrals.map((r) => r.createdAt),
        referrals.map((r) => r.placedAt),
        referrals.map((r) => r.withdrawnAt),
        referrals.map((r) => r.sequence),
        referrals.map((r) => r.updatedAt),
        referrals.map((r) => r.offerOutcome),
        referrals.map((r) => r.offerExpiresAt),
      ],
    );
  }

  /** Records declined offers once each: a redelivered or replayed answer finds its offer id there. */
  async saveDeclines(manager: EntityManager, declines: OfferDecline[]): Promise<void> {
    if (declines.length === 0) return;
    await manager.query(
      `INSERT INTO referral_offer_decline (offer_id, referral_id, district_code, first_category, reason, decided_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
       ON CONFLICT (offer_id) DO NOTHING`,
      [
        declines.map((d) => d.offerId),
        declines.map((d) => d.referralId),
        declines.map((d) => d.districtCode),
        declines.map((d) => d.firstCategory),
        declines.map((d) => d.reason),
        declines.map((d) => d.decidedAt),
      ],
    );
  }

  /**
   * Recounts the waiting referrals of the city and the given categories and publishes them as a new
   * version of each scope. The scopes' rows are locked first, in key order like the occupancy
   * projection's, so a concurrent batch counts after this one and the two never deadlock. A category
   * with referrals but no unit yet gets a row with zero places: demand without supply.
   */
  async updateWaiting(manager: EntityManager, categories: ServiceCategoryCode[]): Promise<ScopeTotalsRow[]> {
    const scopes = [
      { key: scopeKey('city'), scope: 'city', id: null, name: 'Oslo' },
      ...categories.map((c) => ({
        key: scopeKey('category', c),
        scope: 'category',
        id: c,
        name: SERVICE_CATEGORIES.find((s) => s.code === c)?.name ?? c,
      })),
    ].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    await manager.query(
      `INSERT INTO scope_totals AS t (scope_key, scope, scope_id, name, capacity, occupied, blocked, reserved, version, updated_at)
       SELECT v.k, v.s, v.i, v.n, 0, 0, 0, 0, 0, now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(k, s, i, n)
        ORDER BY v.k
       ON CONFLICT (scope_key) DO UPDATE SET version = t.version`,
      [
        scopes.map((s) => s.key),
        scopes.map((s) => s.scope),
        scopes.map((s) => s.id),
        scopes.map((s) => s.name),
      ],
    );
    // An UPDATE answers [rows, affected count] through TypeORM's pg driver, unlike an INSERT.
    const [rows] = await manager.query<[ScopeTotalsRow[], number]>(
      `WITH counts AS (
         SELECT first_category, count(*)::int AS n FROM referral_state
          WHERE status = ANY($2::text[]) GROUP BY first_category
       )
       UPDATE scope_totals AS t SET
         waiting = CASE WHEN t.scope = 'city' THEN (SELECT coalesce(sum(n), 0) FROM counts)
                        ELSE coalesce((SELECT n FROM counts WHERE first_category = t.scope_id), 0) END,
         version = t.version + 1, updated_at = now()
        WHERE t.scope_key = ANY($1::text[])
       RETURNING t.*`,
      [scopes.map((s) => s.key), WAITING_STATUSES],
    );
    return rows;
  }
}
