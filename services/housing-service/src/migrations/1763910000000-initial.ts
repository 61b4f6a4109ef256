import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox table as libs/messaging's OUTBOX_UP_SQL read when this migration was written. A migration is
 * history: it keeps its own copy, so a later change to the live constant cannot rewrite it.
 */
const OUTBOX_UP_SQL = `
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  topic text NOT NULL,
  key text NOT NULL,
  value text NOT NULL,
  headers jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  attempts int NOT NULL DEFAULT 0,
  last_error text,
  failed_at timestamptz
);
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL;
`;
const OUTBOX_DOWN_SQL = 'DROP TABLE outbox;';

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
