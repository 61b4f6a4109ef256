/**
 * Demo data: loads it through the public REST API (so every change flows through the outbox and Kafka
 * like real use), and wipes the local stack's state for `npm run seed -- --reset` (ADR 0013).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { signDevToken, isProduction } from '@plass/auth';
import {
  admitResident,
  blockPlaces,
  listInstitutions,
  registerInstitution,
  registerUnit,
  reservePlace,
  type UnitDto,
} from '@plass/contracts';
import { DISTRICTS, SERVICE_CATEGORIES, type DistrictCode } from '@plass/domain';
import { KAFKA_SUPER_USER, Messaging, SERVICE_ACCESS, STANDARD_TOPICS, silentLogger } from '@plass/messaging';
import { dropDatabase } from '@plass/persistence';
import { contractApi, WORKSPACE_ROOT, type StackSettings } from '@plass/testing';
import { createClient } from 'redis';
import { DEMO_BLOCKS, DEMO_INSTITUTIONS, DEMO_OCCUPANCY, DEMO_RESERVATIONS } from './demo-data';

export interface SeedOptions {
  onProgress?: (message: string) => void;
  /** Fixed start of the pseudo-random sequence, so every seed gives the same numbers. */
  seed?: number;
}

const DAY_MS = 86_400_000;

/** Referring districts drawn in proportion to their adult population. */
function districtPicker(random: () => number): () => DistrictCode {
  const weighted = DISTRICTS.filter((d) => d.adults !== null) as { code: DistrictCode; adults: number }[];
  const total = weighted.reduce((t, d) => t + d.adults, 0);
  return () => {
    let r = random() * total;
    for (const d of weighted) if ((r -= d.adults) < 0) return d.code;
    return weighted[weighted.length - 1].code;
  };
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

/** Loads the demo institutions unless the registry already has institutions; returns a one-line summary. */
export async function seedDemoData(gatewayUrl: string, options: SeedOptions = {}): Promise<string> {
  const progress = options.onProgress ?? (() => undefined);
  const api = contractApi(
    gatewayUrl,
    await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null, sub: 'demo-seed' }),
  );
  const existing = await api.call(listInstitutions, {});
  if (existing.length > 0)
    return `demo data already loaded (${existing.length} institutions); npm run seed -- --reset reloads it`;

  const random = mulberry32(options.seed ?? 2026);
  const pickDistrict = districtPicker(random);
  const units: (UnitDto & { institutionName: string })[] = [];
  for (const demo of DEMO_INSTITUTIONS) {
    const institution = await api.call(registerInstitution, {
      body: { name: demo.name, providerType: demo.providerType, districtCode: demo.districtCode },
    });
    for (const unit of demo.units) {
      const created = await api.call(registerUnit, { params: { id: institution.id }, body: unit });
      units.push({ ...created, institutionName: demo.name });
    }
  }
  progress(`${DEMO_INSTITUTIONS.length} institutions, ${units.length} units registered`);

  let admitted = 0;
  const today = Date.now();
  await inParallel(units, 4, async (unit) => {
    const target = Math.round(unit.capacity * DEMO_OCCUPANCY[unit.category]);
    const norm = SERVICE_CATEGORIES.find((c) => c.code === unit.category)?.normedMaxStayDays ?? 90;
    for (let i = 0; i < target; i++) {
      const plannedInDays = 1 + Math.floor(random() * norm);
      await api.call(admitResident, {
        params: { unitId: unit.id },
        body: {
          referringDistrictCode: pickDistrict(),
          plannedDischargeDate: new Date(today + plannedInDays * DAY_MS).toISOString().slice(0, 10),
        },
      });
      admitted += 1;
    }
  });
  progress(`${admitted} residents admitted`);

  const unitOf = (institution: string, name: string) => {
    const unit = units.find((u) => u.institutionName === institution && u.name === name);
    if (!unit) throw new Error(`demo data names no unit ${name} in ${institution}`);
    return unit;
  };
  for (const block of DEMO_BLOCKS) {
    await api.call(blockPlaces, {
      params: { unitId: unitOf(block.institution, block.unit).id },
      body: {
        places: block.places,
        reason: block.reason,
        ...(block.untilDays ? { until: new Date(today + block.untilDays * DAY_MS).toISOString() } : {}),
      },
    });
  }
  for (const reservation of DEMO_RESERVATIONS) {
    await api.call(reservePlace, {
      params: { unitId: unitOf(reservation.institution, reservation.unit).id },
      body: {
        districtCode: reservation.districtCode,
        expiresAt: new Date(today + reservation.expiresInDays * DAY_MS).toISOString(),
      },
    });
  }
  progress(`${DEMO_BLOCKS.length} blocks and ${DEMO_RESERVATIONS.length} reservations registered`);

  const places = units.reduce((t, u) => t + u.capacity, 0);
  return `demo data loaded: ${DEMO_INSTITUTIONS.length} institutions, ${units.length} units, ${places} places, ${admitted} residents`;
}

/** Thrown when a reset must not run; the message says what to do. */
export class ResetRefused extends Error {}

/** The pid of a running `npm start`, if any. */
function runningStartPid(): number | null {
  const lock = path.join(WORKSPACE_ROOT, '.local', 'start.pid');
  if (!existsSync(lock)) return null;
  const pid = Number(readFileSync(lock, 'utf8'));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * Refuses a reset while anything of the local stack runs: services keep their own connections and
 * consumer groups, and would write into the data being wiped.
 */
export async function assertStackStopped(settings: StackSettings): Promise<void> {
  if (isProduction()) throw new ResetRefused('refusing to reset data when NODE_ENV=production');
  const pid = runningStartPid();
  if (pid) {
    throw new ResetRefused(
      `Plassoversikt is running (npm start, pid ${pid}). Stop it with Ctrl-C in its terminal, then run the reset again.`,
    );
  }
  for (const [name, port] of Object.entries(settings.ports)) {
    if (await answers(`http://127.0.0.1:${port}/health/live`)) {
      throw new ResetRefused(
        `something answers on the ${name} port ${port}; stop the running services before a reset`,
      );
    }
  }
}

const SERVICE_DATABASES = ['institution', 'capacity', 'housing', 'intake'] as const;

/**
 * The consumer groups of a stack among `groupIds`: every group its services' Kafka grants allow (each grant
 * is a prefix: `capacity-service` covers `capacity-service.referrals`, `gateway` covers `gateway-alerts.<id>`),
 * in the stack's namespace.
 */
export function stackConsumerGroups(groupIds: string[], topicPrefix: string): string[] {
  const namespace = topicPrefix ? `${topicPrefix}.` : '';
  const granted = Object.values(SERVICE_ACCESS).flatMap((access) =>
    access.groups.map((g) => `${namespace}${g}`),
  );
  return groupIds.filter((id) => granted.some((prefix) => id.startsWith(prefix)));
}

/**
 * Wipes the state of a stopped local stack: the service databases, the contract's Kafka topics
 * in the stack's namespace (and the stack's consumer groups), and its Redis keys. The services recreate
 * databases and topics at their next start.
 */
export async function wipeStackData(settings: StackSettings, options: SeedOptions = {}): Promise<void> {
  const progress = options.onProgress ?? (() => undefined);
  for (const suffix of SERVICE_DATABASES) {
    await dropDatabase(settings.databaseUrl, `${settings.databasePrefix}_${suffix}`);
  }
  progress(
    `databases dropped: ${SERVICE_DATABASES.map((s) => `${settings.databasePrefix}_${s}`).join(', ')}`,
  );

  const messaging = new Messaging(
    {
      brokers: settings.kafkaBrokers.split(','),
      clientId: 'plass-seed-reset',
      // Deleting topics and groups is the provisioning step's business: the super user.
      sasl: settings.kafkaCredentials[KAFKA_SUPER_USER],
      topicPrefix: settings.kafkaTopicPrefix,
      partitions: 1,
      replicationFactor: 1,
    },
    silentLogger,
  );
  const admin = messaging.kafka.admin();
  await admin.connect();
  try {
    const ours = new Set(STANDARD_TOPICS.map((t) => messaging.topic(t.topic)));
    const present = (await admin.listTopics()).filter((t) => ours.has(t));
    if (present.length > 0) await admin.deleteTopics({ topics: present, timeout: 30_000 });
    // Deletion is asynchronous; a service started too early would find a topic that is about to vanish.
    const deadline = Date.now() + 30_000;
    while ((await admin.listTopics()).some((t) => ours.has(t))) {
      if (Date.now() > deadline) throw new Error('Kafka did not finish deleting the topics within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    progress(`Kafka topics deleted: ${present.length > 0 ? present.join(', ') : '(none existed)'}`);

    const { groups } = await admin.listGroups();
    const stackGroups = stackConsumerGroups(
      groups.map((g) => g.groupId),
      settings.kafkaTopicPrefix,
    );
    if (stackGroups.length > 0) await admin.deleteGroups(stackGroups);
    progress(
      `consumer groups deleted: ${stackGroups.length > 0 ? stackGroups.join(', ') : '(none existed)'}`,
    );
  } finally {
    await admin.disconnect();
  }

  const redis = createClient({ url: settings.redisUrl });
  await redis.connect();
  try {
    let deleted = 0;
    for await (const keys of redis.scanIterator({ MATCH: `${settings.redisKeyPrefix}*`, COUNT: 500 })) {
      if (keys.length > 0) deleted += await redis.unlink(keys);
    }
    progress(`Redis keys deleted: ${deleted} under ${settings.redisKeyPrefix}`);
  } finally {
    redis.destroy();
  }
}
