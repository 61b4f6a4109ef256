/**
 * `npm run test:faults`: starts throwaway Kafka, PostgreSQL and Redis (infra.ts), a whole stack with two
 * gateways on them, a steady load and socket.io clients; injects each fault in turn (faults.ts) and
 * checks the invariant after each (invariant.ts); prints the table, writes it into docs/reliability.md
 * (between the faults markers) and docs/reliability-faults.json, and exits 1 if any invariant broke.
 *
 * Options: `--only key,key` runs some faults, in that order, a key given twice twice (baseline,
 * capacity-kill, institution-kill, intake-kill, kafka-restart, redis-restart, postgres-restart, injected-messages,
 * forged-unauthenticated, forged-unauthorized, refused-message, token-expiry, gateway-kill), and
 * leaves the docs alone;
 * `--keep` keeps the infrastructure's directory (it is kept anyway when something failed);
 * `--replicas 2` runs the stack with two gateways and two capacity-service instances behind local proxies
 * (ADR 0209): load, reads and clients go through the proxy, the kills hit one replica, and the table goes
 * into its own section of docs/reliability.md and docs/reliability-faults-replicas.json.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { signDevToken } from '@plass/auth';
import { registerHousingUnit, registerInstitution, registerUnit, updateHousingNeed } from '@plass/contracts';
import type { DistrictCode, HousingType, ProviderType, ServiceCategoryCode } from '@plass/domain';
import { Messaging, silentLogger } from '@plass/messaging';
import {
  contractApi,
  institutionFactory,
  provisionStackKafka,
  replicaPlan,
  serviceSpecs,
  Stack,
  unitFactory,
  WORKSPACE_ROOT,
  type StackSettings,
} from '@plass/testing';
import { ALL_FAULTS, runFault, seconds, type FaultRow } from './faults';
import { FaultInfra } from './infra';
import { IntakeLoad } from './intake-load';
import { checkerSelfTest, gatewayUrl, waitForQuiet, type FaultContext } from './invariant';
import { LiveClient } from './live-client';
import { Load, type World } from './load';
import {
  formatFaultTable,
  jsonReport,
  machineNote,
  markdownSection,
  prettierFormat,
  REPLICAS_SECTION,
  rewriteSection,
} from './report';

const DOC = path.join(WORKSPACE_ROOT, 'docs/reliability.md');
const JSON_REPORT = path.join(WORKSPACE_ROOT, 'docs/reliability-faults.json');
const REPLICAS_JSON_REPORT = path.join(WORKSPACE_ROOT, 'docs/reliability-faults-replicas.json');
/** The whole run must stay bounded even if something hangs. */
const RUN_TIMEOUT_MS = 12 * 60_000;

const t0 = Date.now();
function log(message: string): void {
  console.log(`[faults ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${message}`);
}

const INSTITUTIONS: {
  providerType: ProviderType;
  districtCode: DistrictCode;
  categories: ServiceCategoryCode[];
}[] = [
  { providerType: 'municipal', districtCode: '030101', categories: ['acute', 'assessment-active'] },
  { providerType: 'nonprofit', districtCode: '030103', categories: ['coping', 'care-active'] },
  { providerType: 'private', districtCode: '030105', categories: ['acute', 'reinforced-care'] },
];

const DWELLINGS: { districtCode: DistrictCode; type: HousingType }[] = [
  { districtCode: '030103', type: 'ordinary' },
  { districtCode: '030103', type: 'ordinary' },
  { districtCode: '030103', type: 'ordinary-close-follow-up' },
  { districtCode: '030103', type: 'transitional' },
  { districtCode: '030103', type: 'cluster-staffed-24h' },
  { districtCode: '030102', type: 'small-house' },
  { districtCode: '030102', type: 'ordinary' },
  { districtCode: '030102', type: 'transitional' },
];

/** Institutions, units, dwellings and a housing need, registered through the API like an admin would. */
async function createWorld(gatewayUrl: string, adminToken: string): Promise<World> {
  const admin = contractApi(gatewayUrl, adminToken);
  const world: World = { units: [], dwellings: [] };
  for (const spec of INSTITUTIONS) {
    const institution = await admin.call(registerInstitution, {
      body: institutionFactory().providerType(spec.providerType).district(spec.districtCode).build(),
    });
    for (const category of spec.categories) {
      const unit = await admin.call(registerUnit, {
        params: { id: institution.id },
        body: unitFactory().category(category).capacity(40).build(),
      });
      world.units.push({
        id: unit.id,
        institutionId: institution.id,
        name: unit.name,
        category,
        capacity: 40,
      });
    }
  }
  for (const spec of DWELLINGS) {
    const dwelling = await admin.call(registerHousingUnit, { body: spec });
    world.dwellings.push({
      id: dwelling.id,
      districtCode: spec.districtCode,
      initialSequence: dwelling.sequence,
    });
  }
  await admin.call(updateHousingNeed, {
    params: { districtCode: '030103' },
    body: { needs: { ordinary: 6, transitional: 2, 'cluster-staffed-24h': 1 } },
  });
  return world;
}

interface Options {
  only: string[] | null;
  keep: boolean;
  /** 1, or 2: two gateways and two capacity-service instances behind the proxies. */
  replicas: number;
}

/** `--replicas 2` / `--replicas=2` (the suite's infrastructure has ports for two of each). */
function replicasArg(argv: string[]): number {
  const flag = argv.find((a) => a === '--replicas' || a.startsWith('--replicas='));
  if (!flag) return 1;
  const value = flag.includes('=') ? flag.split('=')[1] : argv[argv.indexOf(flag) + 1];
  if (value !== '1' && value !== '2') throw new Error(`--replicas takes 1 or 2, not ${value ?? '(nothing)'}`);
  return Number(value);
}

function parseArgs(argv: string[]): Options {
  const only = argv.find((a) => a.startsWith('--only'));
  const value = only?.includes('=') ? only.split('=')[1] : only ? argv[argv.indexOf(only) + 1] : null;
  const keys = value ? value.split(',').map((k) => k.trim()) : null;
  const unknown = keys?.filter((k) => !ALL_FAULTS.some((f) => f.key === k)) ?? [];
  if (unknown.length > 0) {
    throw new Error(
      `unknown fault(s): ${unknown.join(', ')}; known: ${ALL_FAULTS.map((f) => f.key).join(', ')}`,
    );
  }
  return { only: keys, keep: argv.includes('--keep'), replicas: replicasArg(argv) };
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const infra = await FaultInfra.create();
  let stack: Stack | null = null;
  /** Torn down in a hurry: the services get SIGTERM at once (stop() signals before it awaits). */
  const abandon = (code: number, keep: boolean) => {
    void stack?.stop();
    infra.disposeSync(!keep);
    if (keep) console.error(`infrastructure data kept in ${infra.dir}`);
    process.exit(code);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping the services and the fault suite's own infrastructure`);
    abandon(130, false);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const guard = setTimeout(() => {
    console.error(`the fault suite did not finish within ${RUN_TIMEOUT_MS / 60_000} minutes; giving up`);
    abandon(1, true);
  }, RUN_TIMEOUT_MS);
  guard.unref();

  const { ports } = infra;
  log(
    `own infrastructure in ${infra.dir}: Kafka :${ports.kafka}, PostgreSQL :${ports.postgres}, Redis :${ports.redis} ` +
      '(the shared ones are not touched)',
  );
  const logDir = path.join(WORKSPACE_ROOT, '.local', 'faults', runId);
  const clients: LiveClient[] = [];
  let load: Load | null = null;
  let failed = true;
  try {
    let t = Date.now();
    await infra.start();
    log(`infrastructure up in ${seconds(Date.now() - t)}`);

    const settings: StackSettings = {
      ports: {
        gateway: ports.gateway,
        institution: ports.institution,
        housing: ports.housing,
        capacity: ports.capacity,
        intake: ports.intake,
      },
      databasePrefix: 'plass_faults',
      kafkaTopicPrefix: 'faults',
      redisKeyPrefix: 'plass-faults:',
      databaseUrl: infra.databaseUrl,
      redisUrl: infra.redisUrl,
      kafkaBrokers: infra.kafkaBrokers,
      kafkaCredentials: infra.kafkaCredentials(),
    };
    await provisionStackKafka(settings);
    t = Date.now();
    // The launcher's Stack, made here rather than by launchStack() so that a signal during start-up can
    // stop the services already started (launchStack hands the stack over only once all are ready).
    const onProgress = (m: string) => {
      if (m.includes('ready') || m.includes('proxy')) log(m);
    };
    // With --replicas 2 the public gateway and capacity ports are the proxies' (ADR 0209).
    const plan = replicaPlan({
      settings,
      replicas: options.replicas,
      replicaPorts: {
        gateway: [ports.gateway2, ports.gateway3],
        capacity: [ports.capacity2, ports.capacity3],
      },
    });
    stack = plan
      ? new Stack({ settings, logDir, onProgress, proxies: plan.proxies }, plan.specs)
      : new Stack(
          { settings, gatewayPorts: [ports.gateway2], logDir, onProgress },
          serviceSpecs(settings, [ports.gateway, ports.gateway2]),
        );
    await stack.start();
    log(`stack up in ${seconds(Date.now() - t)} (service logs in ${path.relative(WORKSPACE_ROOT, logDir)})`);
    const gatewayProxy = stack.proxies.get('gateway');
    const capacityProxy = stack.proxies.get('capacity-service');
    const proxies =
      gatewayProxy && capacityProxy ? { gateway: gatewayProxy, capacity: capacityProxy } : undefined;
    const replicaGateways = plan?.replicaPorts.gateway ?? [ports.gateway, ports.gateway2];

    // The suite reads, measures and injects as `ops`, the operator's principal (ADR 0100).
    const messaging = new Messaging(
      {
        brokers: [infra.kafkaBrokers],
        clientId: `fault-suite-${runId}`,
        sasl: settings.kafkaCredentials.ops,
        topicPrefix: settings.kafkaTopicPrefix,
        partitions: 12,
        replicationFactor: 1,
      },
      silentLogger,
    );
    // Through the proxy when replicated (it spreads them), else straight to the two gateways.
    const gateways = proxies
      ? [proxies.gateway.url]
      : [ports.gateway, ports.gateway2].map((p) => `http://127.0.0.1:${p}`);
    const adminToken = await signDevToken({
      roles: ['admin'],
      institutionIds: [],
      districtCode: null,
      sub: 'fault-suite-admin',
    });
    const readerToken = await signDevToken({
      roles: ['intake'],
      institutionIds: [],
      districtCode: null,
      sub: 'fault-suite-reader',
    });
    const world = await createWorld(gateways[0], adminToken);
    const staffToken = await signDevToken({
      roles: ['institution-staff'],
      institutionIds: [...new Set(world.units.map((u) => u.institutionId))],
      districtCode: null,
      sub: 'fault-suite-staff',
    });
    load = new Load(
      world,
      gateways.map((url) => ({
        url,
        staff: contractApi(url, staffToken),
        admin: contractApi(url, adminToken),
      })),
    );
    // Referrals and offers beside the load (issue 14), through whichever gateway is up.
    const intake = new IntakeLoad(
      world,
      () => contractApi(gatewayUrl(ctx), readerToken),
      () => contractApi(gatewayUrl(ctx), staffToken),
    );
    const ctx: FaultContext = {
      infra,
      stack,
      settings,
      messaging,
      readerToken,
      world,
      load,
      intake,
      clients,
      liveGateways: replicaGateways,
      proxies,
      logDir,
      log,
    };
    await waitForQuiet(ctx);
    log(`registered ${world.units.length} units in 3 institutions and ${world.dwellings.length} dwellings`);

    // Six clients, three per gateway, each on the city, two categories and three units.
    const districtToken = await signDevToken({
      roles: ['district-staff'],
      institutionIds: [],
      districtCode: '030103',
    });
    const categories = [...new Set(world.units.map((u) => u.category))];
    for (let i = 0; i < 6; i++) {
      const units = [0, 1, 2].map((k) => world.units[(i + k * 2) % world.units.length]);
      const client = new LiveClient(
        `client-${i + 1}`,
        gateways,
        i % gateways.length,
        i % 3 === 0 ? districtToken : readerToken,
        [
          { scope: 'city' },
          { scope: 'category', id: categories[i % categories.length] },
          { scope: 'category', id: categories[(i + 1) % categories.length] },
          ...units.map((u) => ({ scope: 'unit' as const, id: u.id })),
        ],
      );
      clients.push(client);
    }
    await Promise.all(clients.map((c) => c.start()));
    log(
      proxies
        ? `${clients.length} socket.io clients subscribed through the proxy: ${replicaGateways
            .map((p) => `${proxies.gateway.openSockets(p)} on the gateway on port ${p}`)
            .join(', ')}`
        : `${clients.length} socket.io clients subscribed, ${clients.filter((c) => c.url === gateways[1]).length} of them on the second gateway`,
    );

    // In the order given; a key given twice runs twice (to soak one fault).
    const faults = options.only
      ? options.only.flatMap((key) => ALL_FAULTS.filter((f) => f.key === key))
      : ALL_FAULTS;
    const rows: FaultRow[] = [];
    for (const fault of faults) rows.push(await runFault(ctx, fault));

    const missed = await checkerSelfTest(ctx);
    if (missed.length === 0)
      log('checker self-test: a corrupted read model and a client with wrong numbers are caught');
    else log(`checker self-test FAILED: the invariant check missed ${missed.join('; ')}`);

    const meta = {
      startedAt,
      durationMs: Date.now() - t0,
      machine: machineNote(),
      selfTestMissed: missed,
      replicas: proxies ? options.replicas : undefined,
    };
    console.log(`\n${formatFaultTable(rows)}\n`);
    if (options.only) {
      log('--only: docs/reliability.md and docs/reliability-faults.json left as they were');
    } else if (proxies) {
      const section = markdownSection(rows, meta);
      writeFileSync(DOC, await rewriteSection(readFileSync(DOC, 'utf8'), section, DOC, REPLICAS_SECTION));
      writeFileSync(REPLICAS_JSON_REPORT, await prettierFormat(jsonReport(rows, meta), REPLICAS_JSON_REPORT));
      log(
        'wrote the table into docs/reliability.md (replicas section) and docs/reliability-faults-replicas.json',
      );
    } else {
      writeFileSync(DOC, await rewriteSection(readFileSync(DOC, 'utf8'), markdownSection(rows, meta), DOC));
      writeFileSync(JSON_REPORT, await prettierFormat(jsonReport(rows, meta), JSON_REPORT));
      log('wrote the table into docs/reliability.md and docs/reliability-faults.json');
    }
    failed = rows.some((r) => !r.passed) || missed.length > 0;
    log(
      failed
        ? 'FAILED: a check failed (see above)'
        : `every check passed; ${seconds(Date.now() - t0)} in all`,
    );
  } finally {
    for (const c of clients) c.close();
    await load?.stop();
    await stack?.stop();
    await infra.dispose(options.keep || failed);
    if (options.keep || failed) {
      log(`kept for a look: infrastructure data in ${infra.dir}, service logs in ${logDir}`);
    } else {
      rmSync(logDir, { recursive: true, force: true });
    }
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
