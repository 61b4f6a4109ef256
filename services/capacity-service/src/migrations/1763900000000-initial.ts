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
      CREATE TABLE unit_state (
        unit_id uuid PRIMARY KEY,
        unit_name text NOT NULL,
        institution_id uuid NOT NULL,
        institution_name text NOT NULL,
        category text NOT NULL,
        provider_type text NOT NULL,
        district_code text NOT NULL,
        capacity int NOT NULL,
        occupied int NOT NULL,
        blocked int NOT NULL,
        reserved int NOT NULL,
        closed boolean NOT NULL,
        sequence bigint NOT NULL,
        last_change_kind text NOT NULL,
        last_change_at timestamptz NOT NULL
      );
      CREATE TABLE scope_totals (
        scope_key text PRIMARY KEY,
        scope text NOT NULL,
        scope_id text,
        name text,
        capacity int NOT NULL,
        occupied int NOT NULL,
        blocked int NOT NULL,
        reserved int NOT NULL,
        version bigint NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX scope_totals_scope_idx ON scope_totals (scope);
      -- Append-only history of every applied change; (unit_id, sequence) makes replays idempotent.
      CREATE TABLE occupancy_event (
        unit_id uuid NOT NULL,
        sequence bigint NOT NULL,
        event_id uuid NOT NULL,
        time timestamptz NOT NULL,
        kind text NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (unit_id, sequence)
      );
      CREATE INDEX occupancy_event_time_idx ON occupancy_event (time);
    `);
    await q.query(OUTBOX_UP_SQL);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(OUTBOX_DOWN_SQL);
    await q.query('DROP TABLE occupancy_event; DROP TABLE scope_totals; DROP TABLE unit_state;');
  }
}
