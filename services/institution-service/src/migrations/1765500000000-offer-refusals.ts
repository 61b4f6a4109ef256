import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The offers from intake the service could not reserve a place for (ADR 0161). With the reservation (whose
 * id is the offer id) it makes the offer consumer idempotent: an offer delivered again finds one or the
 * other and changes nothing, so a place that became free later is never reserved for a refused offer.
 */
export class OfferRefusals1765500000000 implements MigrationInterface {
  name = 'OfferRefusals1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE offer_refusal (
        offer_id uuid PRIMARY KEY,
        referral_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        reason text NOT NULL CHECK (reason IN ('no-free-place', 'unit-not-found', 'unit-closed')),
        refused_at timestamptz NOT NULL
      )
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE offer_refusal');
  }
}
