import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each event took effect (ADRs 0212, 0215): `change.effectiveAt`, or the event's time when it carries
 * none. A stored generated column, so that every insert (the projection's, a rebuild's replay) fills it
 * and existing rows get it at once. The contract's instants always carry an offset, so the text's cast
 * to timestamptz never depends on the session's time zone: the wrapper may be declared immutable.
 * No index: the utilisation report reads each unit's events in sequence order (the primary key), since
 * a change is what its event's state differs from the one before by sequence (ADR 0215).
 */
export class OccupancyEventEffectiveAt1767600100000 implements MigrationInterface {
  name = 'OccupancyEventEffectiveAt1767600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION plass_offset_instant(text) RETURNS timestamptz
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT $1::timestamptz';
      ALTER TABLE occupancy_event ADD COLUMN effective_at timestamptz NOT NULL
        GENERATED ALWAYS AS (COALESCE(plass_offset_instant(data->'change'->>'effectiveAt'), time)) STORED;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE occupancy_event DROP COLUMN effective_at;
      DROP FUNCTION plass_offset_instant(text);
    `);
  }
}
