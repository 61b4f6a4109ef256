import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The unit's features as its latest event carried them (ADR 0154). Rows written before had none: no unit
 * had a feature then, and events without the field mean none.
 */
export class UnitFeatures1765400000000 implements MigrationInterface {
  name = 'UnitFeatures1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE unit_state ADD COLUMN features text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE unit_state DROP COLUMN features');
  }
}
