import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Demand from intake.referrals.v1 (ADR 0162): each referral's latest state, by sequence, and the number
 * waiting per scope on `scope_totals` (published in `capacity.changed` for the city and the categories).
 */
export class Referrals1763950000000 implements MigrationInterface {
  name = 'Referrals1763950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE referral_state (
        referral_id uuid PRIMARY KEY,
        district_code text NOT NULL,
        categories text[] NOT NULL,
        -- The first preference: the category a referral waits in.
        first_category text NOT NULL,
        urgency text NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        -- When the referral first became placed or withdrawn (its data's updatedAt then).
        placed_at timestamptz,
        withdrawn_at timestamptz,
        sequence bigint NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX referral_state_waiting_idx ON referral_state (first_category) WHERE status IN ('waiting', 'offered');
      CREATE INDEX referral_state_created_idx ON referral_state (created_at);
      ALTER TABLE scope_totals ADD COLUMN waiting int NOT NULL DEFAULT 0;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE scope_totals DROP COLUMN waiting; DROP TABLE referral_state;');
  }
}
