import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a unit opened (ADR 0213): no change of it may take effect earlier. Units registered before did not
 * record it; their institution's registration is the earliest they can have opened, so that is what they
 * get: a lower bound, which refuses nothing that could have happened.
 */
export class UnitOpenedAt1767600000000 implements MigrationInterface {
  name = 'UnitOpenedAt1767600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE unit ADD COLUMN opened_at timestamptz;
      UPDATE unit u SET opened_at = i.created_at FROM institution i WHERE i.id = u.institution_id;
      UPDATE unit SET opened_at = updated_at WHERE opened_at IS NULL;
      ALTER TABLE unit ALTER COLUMN opened_at SET DEFAULT now(), ALTER COLUMN opened_at SET NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE unit DROP COLUMN opened_at');
  }
}
