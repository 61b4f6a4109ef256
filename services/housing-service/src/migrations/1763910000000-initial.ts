import { OUTBOX_DOWN_SQL, OUTBOX_UP_SQL } from '@plass/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1763910000000 implements MigrationInterface {
  name = 'Initial1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE housing_unit (
        id uuid PRIMARY KEY,
        district_code text NOT NULL,
        type text NOT NULL,
        label text,
        status text NOT NULL CHECK (status IN ('vacant', 'reserved', 'occupied', 'unavailable')),
        reason text,
        reserved_until timestamptz,
        sequence bigint NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT housing_unit_reason_ck CHECK ((status = 'unavailable') = (reason IS NOT NULL)),
        CONSTRAINT housing_unit_reserved_until_ck CHECK ((status = 'reserved') = (reserved_until IS NOT NULL))
      );
      CREATE INDEX housing_unit_district_idx ON housing_unit (district_code, type);
      CREATE UNIQUE INDEX housing_unit_label_uq ON housing_unit (district_code, label) WHERE label IS NOT NULL;
      CREATE INDEX housing_unit_reservation_idx ON housing_unit (reserved_until) WHERE status = 'reserved';
      CREATE TABLE housing_need (
        district_code text PRIMARY KEY,
        needs jsonb NOT NULL,
        sequence bigint NOT NULL DEFAULT 0,
        updated_at timestamptz
      );
      CREATE TABLE idempotency_key (
        principal text NOT NULL,
        key text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (principal, key)
      );
    `);
    await q.query(OUTBOX_UP_SQL);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(OUTBOX_DOWN_SQL);
    await q.query('DROP TABLE idempotency_key; DROP TABLE housing_need; DROP TABLE housing_unit;');
  }
}
