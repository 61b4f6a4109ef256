/** TypeORM data sources for the services: one PostgreSQL database per service, migrations only. */
import { Client } from 'pg';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { SnakeNamingStrategy } from './naming.strategy';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432';

export interface DatabaseOptions {
  /** Server URL without a database (`DATABASE_URL`), e.g. postgres://postgres@127.0.0.1:5432. */
  serverUrl: string;
  database: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
}

/** The URL of one database on the server at `serverUrl`. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates the database if it does not exist (CREATE DATABASE cannot run inside a transaction). */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`invalid database name: ${database}`);
  const client = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      try {
        await client.query(`CREATE DATABASE "${database}"`);
      } catch (error) {
        // Another process created it at the same moment.
        if ((error as { code?: string }).code !== '42P04' && (error as { code?: string }).code !== '23505')
          throw error;
      }
    }
  } finally {
    await client.end();
  }
}

/** Drops a database (tests and `--reset` only). */
export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl(options.serverUrl, options.database),
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: ['error'],
    extra: { max: options.poolSize ?? 10, application_name: options.database, onConnect: keepErrorListener },
  });
}

/**
 * Gives every new pool connection an 'error' listener of its own. pg-pool hands a new client to TypeORM,
 * which starts listening for its errors a microtask later; a server that ends the connection right after
 * accepting it (a restart: "terminating connection due to administrator command" in the same packet)
 * reports the error in between, and an 'error' event nobody listens to kills the process. The pool and
 * TypeORM still see and handle the error (the broken client is dropped); this only keeps the process up.
 */
function keepErrorListener(client: { on(event: 'error', listener: (error: Error) => void): unknown }): void {
  client.on('error', () => undefined);
}

/** The advisory lock (per database) that lets one instance at a time apply migrations. */
export const MIGRATION_LOCK = 'plass.migrations';

/**
 * Applies pending migrations while holding a session-level advisory lock: replicas that start together
 * (ADR 0210) would otherwise both run the same migration, and the loser fails on a duplicate table or
 * type. The others wait, then find nothing pending.
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK]);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

/** Ensures the database exists, connects and applies pending migrations (one instance at a time). */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  await ensureDatabase(options.serverUrl, options.database);
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  await runMigrationsExclusively(dataSource);
  return dataSource;
}
