import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Free places and overcapacity per scope, each summed per unit (ADR 0171): `free` = Σ max(0, available),
 * `over_capacity` = Σ max(0, −available) over the scope's open units, so one unit over capacity no longer
 * hides another unit's free places. Existing scopes are filled from `unit_state` once; the projection keeps
 * them from then on with the same deltas as the other counts.
 */
export class FreePlaces1767000000000 implements MigrationInterface {
  name = 'FreePlaces1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE scope_totals ADD COLUMN free int NOT NULL DEFAULT 0,
                               ADD COLUMN over_capacity int NOT NULL DEFAULT 0;
      WITH unit AS (
        SELECT unit_id, institution_id, category, district_code, provider_type,
               capacity - occupied - blocked - reserved AS available
          FROM unit_state WHERE NOT closed
      ), per_scope AS (
        SELECT k AS scope_key, sum(greatest(0, u.available))::int AS free,
               sum(greatest(0, -u.available))::int AS over_capacity
          FROM unit u
          CROSS JOIN LATERAL (VALUES ('unit:' || u.unit_id), ('institution:' || u.institution_id),
            ('category:' || u.category), ('district:' || u.district_code),
            ('provider-type:' || u.provider_type), ('city')) AS s(k)
         GROUP BY k
      )
      UPDATE scope_totals t SET free = p.free, over_capacity = p.over_capacity
        FROM per_scope p WHERE p.scope_key = t.scope_key;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE scope_totals DROP COLUMN free, DROP COLUMN over_capacity');
  }
}
