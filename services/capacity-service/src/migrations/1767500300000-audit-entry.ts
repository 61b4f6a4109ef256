import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only audit trail of this service's writes (issue 16, ADR 0199–0200), as every audited service
 * has it. A row is never updated; it is deleted only by the retention purge (libs/service-kit AuditPurge),
 * which names the retention for its transaction in `plass.audit_retention_days`, and then only when it is
 * older than that. TRUNCATE is refused.
 */
export class AuditEntry1767500300000 implements MigrationInterface {
  name = 'AuditEntry1767500300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor text,
        role text,
        action text NOT NULL,
        target text,
        outcome text NOT NULL CHECK (outcome IN ('success', 'refused', 'failed')),
        status smallint NOT NULL,
        correlation_id text
      )`);
    await q.query('CREATE INDEX audit_entry_at_idx ON audit_entry (at DESC)');
    await q.query('CREATE INDEX audit_entry_actor_at_idx ON audit_entry (actor, at DESC)');
    await q.query(`
      CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        retention text := current_setting('plass.audit_retention_days', true);
      BEGIN
        IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW' AND retention ~ '^[0-9]{1,6}$' AND retention::int >= 1 THEN
          IF OLD.at < now() - make_interval(days => retention::int) THEN
            RETURN OLD;
          END IF;
        END IF;
        RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
        FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_entry');
    await q.query('DROP FUNCTION audit_entry_append_only()');
  }
}
