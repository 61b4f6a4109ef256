import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * History imports (issue 17, ADR 0218): a job row per import, so that any replica answers its progress.
 * A unit's opening time (`unit.opened_at`, which the import's checks bound its rows by) comes from
 * migration 1767600000000.
 */
export class ImportJob1767600200000 implements MigrationInterface {
  name = 'ImportJob1767600200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_job (
        id uuid PRIMARY KEY,
        actor text,
        status text NOT NULL CHECK (status IN ('validating', 'applying', 'done', 'failed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        rows_total int NOT NULL DEFAULT 0,
        rows_done int NOT NULL DEFAULT 0,
        files jsonb NOT NULL,
        refused jsonb NOT NULL DEFAULT '[]',
        refused_total int NOT NULL DEFAULT 0,
        error text
      )`);
    await q.query('CREATE INDEX import_job_created_idx ON import_job (created_at DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE import_job');
  }
}
