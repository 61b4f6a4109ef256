import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One index for the scope history instead of two (docs/performance.md: the history was about half of a
 * drain's transaction time, and each row went into two B-trees). The primary key leads with
 * (scope_key, at), which the series query reads, and carries the deltas for index-only scans. It is as
 * unique as the old key (scope_key, unit_id, sequence): an event's time is part of the event, so
 * (unit_id, sequence) determines `at`, and a replayed change still conflicts and is skipped.
 */
export class ScopeHistoryOneIndex1763940000000 implements MigrationInterface {
  name = 'ScopeHistoryOneIndex1763940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE scope_history DROP CONSTRAINT scope_history_pkey;
      DROP INDEX scope_history_scope_at_idx;
      ALTER TABLE scope_history ADD PRIMARY KEY (scope_key, at, unit_id, sequence)
        INCLUDE (capacity_delta, occupied_delta, blocked_delta, reserved_delta);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE scope_history DROP CONSTRAINT scope_history_pkey;
      ALTER TABLE scope_history ADD PRIMARY KEY (scope_key, unit_id, sequence);
      CREATE INDEX scope_history_scope_at_idx ON scope_history (scope_key, at)
        INCLUDE (capacity_delta, occupied_delta, blocked_delta, reserved_delta);
    `);
  }
}
