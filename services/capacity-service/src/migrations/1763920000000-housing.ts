import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The housing read model: every dwelling's status and each district's registered need, by sequence. */
export class Housing1763920000000 implements MigrationInterface {
  name = 'Housing1763920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE housing_unit_state (
        housing_unit_id uuid PRIMARY KEY,
        district_code text NOT NULL,
        housing_type text NOT NULL,
        status text NOT NULL,
        sequence bigint NOT NULL,
        last_change_at timestamptz NOT NULL
      );
      -- Supply per district is counted from here: an index-only scan per district.
      CREATE INDEX housing_unit_state_supply_idx ON housing_unit_state (district_code, housing_type, status);
      -- A district's need, one row per housing type; all rows of a district carry its need's sequence.
      CREATE TABLE housing_need (
        district_code text NOT NULL,
        housing_type text NOT NULL,
        households int NOT NULL,
        sequence bigint NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (district_code, housing_type)
      );
      -- The version of each district's published housing; also the lock that orders concurrent batches.
      CREATE TABLE housing_district (
        district_code text PRIMARY KEY,
        version bigint NOT NULL,
        updated_at timestamptz NOT NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE housing_district; DROP TABLE housing_need; DROP TABLE housing_unit_state;');
  }
}
