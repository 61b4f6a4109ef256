import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offers in demand (ADR 0167): each referral's latest offer (outcome and expiry, for OFFER_EXPIRING), the
 * admission time of a placed referral, and every declined offer once, by offer id, for the demand report.
 */
export class ReferralOffers1766000000000 implements MigrationInterface {
  name = 'ReferralOffers1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE referral_state
        ADD COLUMN offer_outcome text,
        ADD COLUMN offer_expires_at timestamptz;
      CREATE INDEX referral_state_open_offer_idx ON referral_state (offer_expires_at) WHERE offer_outcome = 'open';
      CREATE INDEX referral_state_waiting_since_idx ON referral_state (created_at) WHERE status = 'waiting';
      -- One row per declined offer: an offer is declined at most once, so its id makes redelivery harmless.
      CREATE TABLE referral_offer_decline (
        offer_id uuid PRIMARY KEY,
        referral_id uuid NOT NULL,
        district_code text NOT NULL,
        -- The referral's first preference, like every other figure of the demand report.
        first_category text NOT NULL,
        reason text NOT NULL,
        decided_at timestamptz NOT NULL
      );
      CREATE INDEX referral_offer_decline_decided_idx ON referral_offer_decline (decided_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE referral_offer_decline;
      DROP INDEX referral_state_waiting_since_idx;
      DROP INDEX referral_state_open_offer_idx;
      ALTER TABLE referral_state DROP COLUMN offer_expires_at, DROP COLUMN offer_outcome;
    `);
  }
}
