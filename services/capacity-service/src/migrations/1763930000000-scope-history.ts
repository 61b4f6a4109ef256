import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Append-only history of every scope's changes, one row per applied unit event and scope it changed,
 * holding the change (not the running total) at the event's time: a scope's state at any instant is
 * the sum of its changes up to then, whatever order the partitions were consumed in (ADR 0050).
 */
export class ScopeHistory1763930000000 implements MigrationInterface {
  name = 'ScopeHistory1763930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scope_history (
        scope_key text NOT NULL,
        unit_id uuid NOT NULL,
        sequence bigint NOT NULL,
        at timestamptz NOT NULL,
        -- The capacity.changed version that first published this change; null when the batch's
        -- changes to the scope cancelled out and no version was published.
        version bigint,
        capacity_delta int NOT NULL,
        occupied_delta int NOT NULL,
        blocked_delta int NOT NULL,
        reserved_delta int NOT NULL,
        PRIMARY KEY (scope_key, unit_id, sequence)
      );
      CREATE INDEX scope_history_scope_at_idx ON scope_history (scope_key, at)
        INCLUDE (capacity_delta, occupied_delta, blocked_delta, reserved_delta);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE scope_history;');
  }
}
