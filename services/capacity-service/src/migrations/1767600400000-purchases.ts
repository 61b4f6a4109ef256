import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Purchased places (enkeltkjøp) as the capacity service knows them from intake.purchases.v1 (ADR 0225):
 * each purchase's latest state by sequence, for the financing report (ADR 0226). No provider name: the
 * report does not need it.
 */
export class Purchases1767600400000 implements MigrationInterface {
  name = 'Purchases1767600400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE purchase (
        id uuid PRIMARY KEY,
        district_code text NOT NULL,
        category text NOT NULL,
        first_day date NOT NULL,
        last_day date,
        price_per_day integer NOT NULL,
        sequence integer NOT NULL
      );
      CREATE INDEX purchase_days_idx ON purchase (first_day, last_day);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE purchase;');
  }
}
