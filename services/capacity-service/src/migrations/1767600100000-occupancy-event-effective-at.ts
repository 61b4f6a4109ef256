import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each event took effect (ADRs 0212, 0215): `change.effectiveAt`, or the event's time when it carries
 * none. A stored generated column, so that every insert (the projection's, a rebuild's replay) fills it
 * and existing rows get it at once. The contract's instants always carry an offset, so the text's cast
 * to timestamptz never depends on the session's time zone: the wrapper may be declared immutable.
 * Indexed for the utilisation report, which reads the events in effect before and within its period.
 */
export class OccupancyEventEffectiveAt1767600100000 implements MigrationInterface {
  name = 'OccupancyEventEffectiveAt1767600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION plass_offset_instant(text) RETURNS timestamptz
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT $1::timestamptz';
      ALTER TABLE occupancy_event ADD COLUMN effective_at timestamptz NOT NULL
        GENERATED ALWAYS AS (COALESCE(plass_offset_instant(data->'change'->>'effectiveAt'), time)) STORED;
      CREATE INDEX occupancy_event_effective_at_idx ON occupancy_event (effective_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE occupancy_event DROP COLUMN effective_at;
      DROP FUNCTION plass_offset_instant(text);
    `);
  }
}
