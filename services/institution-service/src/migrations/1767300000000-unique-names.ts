import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Names are unique in the database too (ADR 0179): an institution's name among institutions, an open unit's
 * name among the open units of its institution, compared as `nameKey` compares them (letter case, spaces
 * around and runs of spaces inside aside). The service refuses a taken name with 409 NAME_TAKEN before it
 * writes; these indexes make sure no other path (a race, a script, a restore) ever stores two.
 *
 * Names that already clash (stored before the check) get « (2)», « (3)» … after the newest ones, so the
 * index can be built; an administrator renames them properly from the Register page.
 */
export const NAME_KEY_SQL = (column: string) =>
  `btrim(lower(regexp_replace(${column}, '[[:space:]\\u00a0\\u2007\\u202f]+', ' ', 'g')))`;

export class UniqueNames1767300000000 implements MigrationInterface {
  name = 'UniqueNames1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE institution i SET name = i.name || ' (' || d.n || ')'
        FROM (SELECT id, row_number() OVER (PARTITION BY ${NAME_KEY_SQL('name')} ORDER BY created_at, id) AS n
                FROM institution) d
       WHERE d.id = i.id AND d.n > 1`);
    await q.query(`
      UPDATE unit u SET name = u.name || ' (' || d.n || ')'
        FROM (SELECT id, row_number() OVER (PARTITION BY institution_id, ${NAME_KEY_SQL('name')}
                                            ORDER BY updated_at, id) AS n
                FROM unit WHERE NOT closed) d
       WHERE d.id = u.id AND d.n > 1`);
    await q.query(`CREATE UNIQUE INDEX institution_name_key ON institution (${NAME_KEY_SQL('name')})`);
    await q.query(
      `CREATE UNIQUE INDEX unit_open_name_key ON unit (institution_id, ${NAME_KEY_SQL('name')}) WHERE NOT closed`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX unit_open_name_key');
    await q.query('DROP INDEX institution_name_key');
  }
}
