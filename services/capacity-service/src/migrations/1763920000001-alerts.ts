import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Alerts (ARCHITECTURE.md §7) and the history of their transitions. */
export class Alerts1763920000001 implements MigrationInterface {
  name = 'Alerts1763920000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE alert (
        id uuid PRIMARY KEY,
        code text NOT NULL,
        severity text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
        scope text NOT NULL,
        scope_id text NOT NULL,
        scope_key text NOT NULL,
        scope_name text,
        housing_type text,
        institution_id uuid,
        district_code text,
        category text,
        rooms text[] NOT NULL,
        measured jsonb NOT NULL,
        raised_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by text,
        resolved_at timestamptz,
        version int NOT NULL,
        CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)),
        CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
      );
      -- At most one unresolved alert per condition: a condition that holds never raises a storm.
      CREATE UNIQUE INDEX alert_one_unresolved_idx ON alert (code, scope_key, (coalesce(housing_type, '')))
        WHERE status <> 'resolved';
      CREATE INDEX alert_rooms_idx ON alert USING gin (rooms);
      CREATE INDEX alert_raised_at_idx ON alert (raised_at DESC);
      CREATE TABLE alert_event (
        id bigserial PRIMARY KEY,
        alert_id uuid NOT NULL REFERENCES alert (id),
        transition text NOT NULL CHECK (transition IN ('raised', 'acknowledged', 'resolved')),
        at timestamptz NOT NULL,
        actor text,
        measured jsonb NOT NULL
      );
      CREATE INDEX alert_event_alert_idx ON alert_event (alert_id, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE alert_event; DROP TABLE alert;');
  }
}
