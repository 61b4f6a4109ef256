import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ADR 0172: an unresolved alert is `updated` when its figures change, and a housing shortage is one alert
 * per district. The history accepts the new transition; the open per-type HOUSING_SHORTAGE alerts are
 * resolved (with a history row saying why) — the alert scheduler raises the district's one alert at its
 * next run, with the shortfall per type.
 */
export class AlertUpdates1767000000001 implements MigrationInterface {
  name = 'AlertUpdates1767000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE alert_event DROP CONSTRAINT IF EXISTS alert_event_transition_check;
      ALTER TABLE alert_event ADD CONSTRAINT alert_event_transition_check
        CHECK (transition IN ('raised', 'acknowledged', 'updated', 'resolved'));
      WITH folded AS (
        UPDATE alert SET status = 'resolved', resolved_at = now(), version = version + 1
         WHERE code = 'HOUSING_SHORTAGE' AND housing_type IS NOT NULL AND status <> 'resolved'
        RETURNING id, measured
      )
      INSERT INTO alert_event (alert_id, transition, at, actor, measured)
      SELECT id, 'resolved', now(), NULL, measured || '{"foldedInto": "district"}'::jsonb FROM folded;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM alert_event WHERE transition = 'updated';
      ALTER TABLE alert_event DROP CONSTRAINT IF EXISTS alert_event_transition_check;
      ALTER TABLE alert_event ADD CONSTRAINT alert_event_transition_check
        CHECK (transition IN ('raised', 'acknowledged', 'resolved'));
    `);
  }
}
