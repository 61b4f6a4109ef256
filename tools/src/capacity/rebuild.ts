/**
 * `npm run rebuild`: rebuilds the capacity read model from the replayable topics (ADR 0054). With the
 * capacity service stopped, it resets the service's consumer groups to the earliest offsets and
 * empties the derived tables (read-model.ts says which); the next start of the service replays the
 * topics from the beginning and arrives at the same totals. Nothing is replayed by this command.
 *
 * Refuses (exit 1) while the capacity service answers on its port or any member of its consumer
 * groups is connected, and when the database holds a table read-model.ts does not list. Exit 2 when
 * PostgreSQL or Kafka cannot be reached. `--dry-run` prints the plan and changes nothing.
 *
 * Environment: DATABASE_URL, CAPACITY_DB (plass_capacity), CAPACITY_URL (http://127.0.0.1:CAPACITY_PORT,
 * port 3003), KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, KAFKA_SASL_USERNAME/PASSWORD (the `ops` principal; locally
 * the local broker's development credentials when unset).
 */
import { kafkaConfigFromEnv, Messaging, silentLogger } from '@plass/messaging';
import { withLocalKafkaCredentials } from '@plass/testing';
import { databaseUrl, DEFAULT_DATABASE_URL } from '@plass/persistence';
import { Client } from 'pg';
import { CAPACITY_TABLES, isCapacityGroup } from './read-model';

/** The rebuild must not run now; the message says why and what to do. */
export class RebuildRefused extends Error {}
/** PostgreSQL or Kafka did not answer. */
export class RebuildUnreachable extends Error {}

export interface RebuildOptions {
  /** PostgreSQL server URL without a database. */
  serverUrl: string;
  database: string;
  /** Where the capacity service would answer if it ran. */
  capacityUrl: string;
  messaging: Messaging;
  dryRun: boolean;
}

export interface RebuildPlan {
  truncated: string[];
  reset: { table: string; sql: string; why: string }[];
  kept: { table: string; why: string }[];
  groups: { groupId: string; topics: { topic: string; messages: number }[] }[];
}

async function assertServiceStopped(capacityUrl: string): Promise<void> {
  let answered = false;
  try {
    await fetch(`${capacityUrl}/health/live`, { signal: AbortSignal.timeout(1500) });
    answered = true;
  } catch {
    // Nothing listens: as it should be.
  }
  if (answered) {
    throw new RebuildRefused(
      `the capacity service answers at ${capacityUrl}; stop it (every replica) before a rebuild, ` +
        'so that nothing writes into the tables being emptied',
    );
  }
}

function planTables(tables: string[], database: string): Omit<RebuildPlan, 'groups'> {
  if (!tables.includes('unit_state')) {
    throw new RebuildRefused(
      `${database} is not the capacity service's database (it has no unit_state table)`,
    );
  }
  const unknown = tables.filter((t) => !(t in CAPACITY_TABLES));
  if (unknown.length > 0) {
    throw new RebuildRefused(
      `${database} has tables the rebuild does not know: ${unknown.join(', ')}. Say in ` +
        'tools/src/capacity/read-model.ts whether each is derived from the topics (truncate) or must be kept',
    );
  }
  const plan: Omit<RebuildPlan, 'groups'> = { truncated: [], reset: [], kept: [] };
  for (const table of tables) {
    const entry = CAPACITY_TABLES[table];
    switch (entry.reset) {
      case 'truncate':
        plan.truncated.push(table);
        break;
      case 'sql':
        plan.reset.push({ table, sql: entry.sql, why: entry.why });
        break;
      case 'keep':
        plan.kept.push({ table, why: entry.why });
        break;
    }
  }
  return plan;
}

async function planAndResetGroups(messaging: Messaging, dryRun: boolean): Promise<RebuildPlan['groups']> {
  const admin = messaging.kafka.admin();
  try {
    await admin.connect();
  } catch (error) {
    throw new RebuildUnreachable(
      `Kafka is not reachable at ${messaging.config.brokers.join(',')} (${(error as Error).message})`,
    );
  }
  try {
    const groupIds = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => isCapacityGroup(g, messaging.config.topicPrefix))
      .sort();
    if (groupIds.length === 0) return [];
    const running = (await admin.describeGroups(groupIds)).groups.filter((g) => g.members.length > 0);
    if (running.length > 0) {
      throw new RebuildRefused(
        `consumer group ${running.map((g) => `${g.groupId} (${g.members.length} member(s))`).join(', ')} ` +
          'is still connected: a capacity service runs somewhere; stop every replica before a rebuild',
      );
    }
    const groups: RebuildPlan['groups'] = [];
    for (const groupId of groupIds) {
      const committed = await admin.fetchOffsets({ groupId });
      const topics = [];
      for (const { topic } of committed) {
        const offsets = await admin.fetchTopicOffsets(topic);
        topics.push({
          topic,
          messages: offsets.reduce((n, p) => n + Number(BigInt(p.high) - BigInt(p.low)), 0),
        });
        // Before the tables are emptied: if emptying fails, a replay over the old tables changes nothing.
        if (!dryRun) await admin.resetOffsets({ groupId, topic, earliest: true });
      }
      groups.push({ groupId, topics });
    }
    return groups;
  } finally {
    await admin.disconnect();
  }
}

export async function rebuild(options: RebuildOptions): Promise<RebuildPlan> {
  await assertServiceStopped(options.capacityUrl);
  const client = new Client({
    connectionString: databaseUrl(options.serverUrl, options.database),
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new RebuildUnreachable(
      `PostgreSQL database ${options.database} is not reachable (${(error as Error).message})`,
    );
  }
  try {
    const { rows } = await client.query<{ tablename: string }>(
      'SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename',
    );
    const tables = planTables(
      rows.map((r) => r.tablename),
      options.database,
    );
    const groups = await planAndResetGroups(options.messaging, options.dryRun);
    if (!options.dryRun) {
      await client.query('BEGIN');
      try {
        if (tables.truncated.length > 0) await client.query(`TRUNCATE ${tables.truncated.join(', ')}`);
        for (const { sql } of tables.reset) await client.query(sql);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return { ...tables, groups };
  } finally {
    await client.end();
  }
}

function describe(plan: RebuildPlan, dryRun: boolean): string {
  const will = dryRun ? 'would be' : 'is';
  return [
    `Tables emptied${dryRun ? ' (dry run: not yet)' : ''}: ${plan.truncated.join(', ') || 'none'}`,
    ...plan.reset.map((r) => `Table ${r.table}: ${r.sql} (${r.why})`),
    ...plan.kept.map((k) => `Table ${k.table} kept: ${k.why}`),
    ...(plan.groups.length === 0
      ? ['No consumer group has committed anything yet: the service reads from the beginning anyway.']
      : plan.groups.flatMap((g) =>
          g.topics.map(
            (t) =>
              `Consumer group ${g.groupId}: ${t.topic} ${will} replayed from the start (${t.messages} messages)`,
          ),
        )),
  ].join('\n');
}

async function main(): Promise<number> {
  const dryRun = process.argv.includes('--dry-run');
  const serverUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const database = process.env.CAPACITY_DB ?? 'plass_capacity';
  const capacityUrl = process.env.CAPACITY_URL ?? `http://127.0.0.1:${process.env.CAPACITY_PORT ?? 3003}`;
  // As `ops` (reads the topics, resets the capacity service's groups); locally the broker's development credentials.
  const messaging = new Messaging(
    kafkaConfigFromEnv('capacity-rebuild', withLocalKafkaCredentials('ops')),
    silentLogger,
  );
  console.log(`Rebuilding the capacity read model in ${database}${dryRun ? ' (dry run)' : ''}`);
  try {
    const plan = await rebuild({ serverUrl, database, capacityUrl, messaging, dryRun });
    console.log(describe(plan, dryRun));
    console.log(
      dryRun
        ? 'Dry run: nothing changed.'
        : 'Done. Start the capacity service: it replays the topics and rebuilds the read model.',
    );
    return 0;
  } catch (error) {
    if (error instanceof RebuildRefused) {
      console.error(`Refused: ${error.message}.`);
      return 1;
    }
    console.error(`Cannot rebuild: ${(error as Error).message}`);
    return 2;
  }
}

if (require.main === module) void main().then((code) => process.exit(code));
