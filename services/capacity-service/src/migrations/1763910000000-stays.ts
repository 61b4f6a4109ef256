import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Stays as the read model knows them from admission and discharge events (random ids only). */
export class Stays1763910000000 implements MigrationInterface {
  name = 'Stays1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stay (
        stay_id uuid PRIMARY KEY,
        unit_id uuid NOT NULL,
        institution_id uuid NOT NULL,
        category text NOT NULL,
        provider_type text NOT NULL,
        district_code text NOT NULL,
        referring_district_code text NOT NULL,
        admitted_at timestamptz NOT NULL,
        planned_discharge_date date,
        discharged_at timestamptz,
        discharge_reason text
      );
      CREATE INDEX stay_open_idx ON stay (unit_id) WHERE discharged_at IS NULL;
      CREATE INDEX stay_admitted_idx ON stay (admitted_at);
      CREATE INDEX stay_discharged_idx ON stay (discharged_at) WHERE discharged_at IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE stay;');
  }
}
