import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { databaseUrl, dropDatabase, openDatabase } from './data-source';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** A migration that holds its transaction open a while, so that a second instance starting meanwhile overlaps it. */
class SlowMigration1700000000000 implements MigrationInterface {
  name = 'SlowMigration1700000000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TYPE slow_kind AS ENUM ('a', 'b')`);
    await runner.query('CREATE TABLE slow_thing (id int PRIMARY KEY, kind slow_kind NOT NULL)');
    await runner.query('SELECT pg_sleep(0.5)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE slow_thing');
    await runner.query('DROP TYPE slow_kind');
  }
}

describe('openDatabase with two instances starting together', () => {
  const database = `plass_test_migrate_${randomBytes(3).toString('hex')}`;

  afterAll(() => dropDatabase(SERVER, database));

  it('applies each migration once: the second instance waits for the first and finds nothing pending', async () => {
    const open = () =>
      openDatabase({ serverUrl: SERVER, database, entities: [], migrations: [SlowMigration1700000000000] });
    const sources = await Promise.all([open(), open()]);
    await Promise.all(sources.map((s) => s.destroy()));
    const client = new Client({ connectionString: databaseUrl(SERVER, database) });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>('SELECT name FROM typeorm_migrations');
      expect(rows.map((r) => r.name)).toEqual(['SlowMigration1700000000000']);
    } finally {
      await client.end();
    }
  });
});
