import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Purchased places (enkeltkjøp, ADR 0225): a provider's name, codes, days and a whole-kroner price per day. */
export class Purchases1767600300000 implements MigrationInterface {
  name = 'Purchases1767600300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE purchase (
        id uuid PRIMARY KEY,
        district_code text NOT NULL,
        provider_name text NOT NULL,
        category text NOT NULL,
        "from" date NOT NULL,
        "to" date,
        price_per_day integer NOT NULL CHECK (price_per_day > 0),
        sequence integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT purchase_period CHECK ("to" IS NULL OR "to" >= "from")
      );
      CREATE INDEX purchase_district_idx ON purchase (district_code, created_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE purchase;');
  }
}
