import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offers and placement (ADR 0161): the referral's latest offer and its placement as columns of the referral,
 * and intake's own read model of the institutions' units from institution.occupancy.v1 (`unit_place`, with
 * the open stays' planned discharges in `unit_stay`), for matching and for refusing an offer on a unit
 * without a free place. Its own SQL (ADR 0146).
 */
export class Offers1765500000000 implements MigrationInterface {
  name = 'Offers1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE referral
        ADD COLUMN offer_id uuid UNIQUE,
        ADD COLUMN offer_unit_id uuid,
        ADD COLUMN offer_category text,
        ADD COLUMN offered_at timestamptz,
        ADD COLUMN offer_expires_at timestamptz,
        ADD COLUMN offer_reservation_id uuid,
        ADD COLUMN offer_outcome text
          CHECK (offer_outcome IN ('open', 'accepted', 'declined', 'expired', 'refused', 'withdrawn')),
        ADD COLUMN offer_decline_reason text
          CHECK (offer_decline_reason IN ('declined-by-resident', 'unsuitable', 'placed-elsewhere', 'other')),
        ADD COLUMN offer_decided_at timestamptz,
        ADD COLUMN stay_id uuid,
        ADD COLUMN placed_at timestamptz,
        ADD CONSTRAINT referral_offer_ck CHECK ((offer_id IS NULL) = (offer_outcome IS NULL)),
        ADD CONSTRAINT referral_placed_ck CHECK ((status = 'placed') = (stay_id IS NOT NULL));
      CREATE INDEX referral_live_offer_idx ON referral (offer_expires_at) WHERE status = 'offered';
      CREATE INDEX referral_offer_unit_idx ON referral (offer_unit_id) WHERE status = 'offered';

      CREATE TABLE unit_place (
        unit_id uuid PRIMARY KEY,
        unit_name text NOT NULL,
        institution_id uuid NOT NULL,
        institution_name text NOT NULL,
        category text NOT NULL,
        features text[] NOT NULL DEFAULT '{}',
        capacity int NOT NULL,
        occupied int NOT NULL,
        blocked int NOT NULL,
        reserved int NOT NULL,
        closed boolean NOT NULL,
        sequence bigint NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX unit_place_category_idx ON unit_place (category) WHERE NOT closed;
      CREATE TABLE unit_stay (
        stay_id uuid PRIMARY KEY,
        unit_id uuid NOT NULL,
        planned_discharge_date date
      );
      CREATE INDEX unit_stay_unit_idx ON unit_stay (unit_id, planned_discharge_date);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE unit_stay;
      DROP TABLE unit_place;
      DROP INDEX referral_offer_unit_idx;
      DROP INDEX referral_live_offer_idx;
      ALTER TABLE referral
        DROP CONSTRAINT referral_placed_ck, DROP CONSTRAINT referral_offer_ck,
        DROP COLUMN placed_at, DROP COLUMN stay_id, DROP COLUMN offer_decided_at, DROP COLUMN offer_decline_reason,
        DROP COLUMN offer_outcome, DROP COLUMN offer_reservation_id, DROP COLUMN offer_expires_at,
        DROP COLUMN offered_at, DROP COLUMN offer_category, DROP COLUMN offer_unit_id, DROP COLUMN offer_id;
    `);
  }
}
