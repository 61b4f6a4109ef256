import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A unit's features (ADR 0154): codes of the referral needs list, in that list's order. Units registered
 * before had none, which the default says; the contract, not the table, keeps the codes to the list.
 */
export class UnitFeatures1765400000000 implements MigrationInterface {
  name = 'UnitFeatures1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE unit ADD COLUMN features text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE unit DROP COLUMN features');
  }
}
