import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Blocked places and reservations as rows of their own (with expiry), capacity history, closing time. */
export class BlocksReservations1764000000000 implements MigrationInterface {
  name = 'BlocksReservations1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE block (
        id uuid PRIMARY KEY,
        unit_id uuid NOT NULL REFERENCES unit(id),
        places int NOT NULL CHECK (places > 0),
        reason text,
        until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz,
        release_kind text
      );
      CREATE INDEX block_open_idx ON block (unit_id) WHERE released_at IS NULL;
      CREATE INDEX block_due_idx ON block (until) WHERE released_at IS NULL AND until IS NOT NULL;

      CREATE TABLE reservation (
        id uuid PRIMARY KEY,
        unit_id uuid NOT NULL REFERENCES unit(id),
        district_code text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        end_reason text,
        stay_id uuid
      );
      CREATE INDEX reservation_open_idx ON reservation (unit_id) WHERE ended_at IS NULL;
      CREATE INDEX reservation_due_idx ON reservation (expires_at) WHERE ended_at IS NULL;

      CREATE TABLE capacity_change (
        id uuid PRIMARY KEY,
        unit_id uuid NOT NULL REFERENCES unit(id),
        previous_capacity int NOT NULL,
        capacity int NOT NULL CHECK (capacity >= 0),
        reason text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX capacity_change_unit_idx ON capacity_change (unit_id, changed_at);

      ALTER TABLE stay ADD COLUMN reservation_id uuid;
      ALTER TABLE unit ADD COLUMN closed_at timestamptz;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE unit DROP COLUMN closed_at;
      ALTER TABLE stay DROP COLUMN reservation_id;
      DROP TABLE capacity_change;
      DROP TABLE reservation;
      DROP TABLE block;
    `);
  }
}
