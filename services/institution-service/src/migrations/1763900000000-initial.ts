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

export class Initial1763900000000 implements MigrationInterface {
  name = 'Initial1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE institution (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        provider_type text NOT NULL,
        district_code text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE unit (
        id uuid PRIMARY KEY,
        institution_id uuid NOT NULL REFERENCES institution(id),
        name text NOT NULL,
        category text NOT NULL,
        capacity int NOT NULL CHECK (capacity >= 0),
        occupied int NOT NULL DEFAULT 0 CHECK (occupied >= 0),
        blocked int NOT NULL DEFAULT 0 CHECK (blocked >= 0),
        reserved int NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        closed boolean NOT NULL DEFAULT false,
        sequence bigint NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX unit_institution_idx ON unit (institution_id);
      CREATE TABLE stay (
        id uuid PRIMARY KEY,
        unit_id uuid NOT NULL REFERENCES unit(id),
        referring_district_code text NOT NULL,
        admitted_at timestamptz NOT NULL,
        planned_discharge_date date,
        discharged_at timestamptz,
        discharge_reason text
      );
      CREATE INDEX stay_open_idx ON stay (unit_id) WHERE discharged_at IS NULL;
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
    await q.query('DROP TABLE idempotency_key; DROP TABLE stay; DROP TABLE unit; DROP TABLE institution;');
  }
}
