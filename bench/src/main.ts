/**
 * `npm run bench`: latency, throughput and scale of the live pipeline beside raw Kafka, on a stack of its
 * own (own databases, topic namespace and ports; loopback only). Quick mode by default (≤ 5 min),
 * `-- --full` for the long run (≤ 20 min). Writes bench/results/<date>-<mode>.json and the tables into
 * docs/performance.md, and prints them.
 *
 * Options: `--only floor,latency,referral,fanout,drain,national` runs some measurements (results go to
 * .local/bench/, the docs are left alone); with it, `--rates 10,50` sets the floor's, latency's and referral's write rates; `--profile <service,...>` samples those services' CPU
 * (institution-service, capacity-service, gateway) into .local/bench/profiles; `--summarize <file>`
 * prints where a .cpuprofile's time went; `--replicas 2` runs against two gateways and two capacity-service
 * instances behind local proxies (ADR 0209): the JSON gets a `replicas` field and a `-replicas2` name,
 * docs/performance.md is left alone (it holds the single-instance figures), and the drain, which stops and
 * starts capacity instances itself to compare one with two, is not run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  checkPostgres,
  checkRedis,
  ensureKafka,
  PreflightError,
  startTestStack,
  stopKafka,
  WORKSPACE_ROOT,
  type TestStack,
} from '@plass/testing';
import { BenchContext } from './context';
import { measureDrain, stopSecondInstance } from './drain';
import { measureFanout } from './fanout';
import { measureFloor } from './floor';
import { runImportBench } from './import';
import { measureLatency } from './latency';
import { machineNote, measureMachine } from './machine';
import { FULL, QUICK } from './modes';
import { measureNational } from './national';
import { measureReferralVisible } from './referral';
import { generateUnits, occupancyStream } from './occupancy-events';
import { dumpProfile, enableBenchPreload, PROFILABLE, type ProfiledService } from './profile/control';
import { summarizeProfile } from './profile/summarize';
import { elapsedSeconds, loadAverage, log } from './progress';
import { checkTargets, markdown, writeSection, type BenchResults } from './report';

const SECTIONS = ['floor', 'latency', 'referral', 'fanout', 'drain', 'national'] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
  full: boolean;
  /** Writes per second for the floor and latency steps instead of the mode's (`--rates 10,50`). */
  rates: number[] | null;
  only: Section[] | null;
  profile: ProfiledService[];
  replicas: number;
}

function parseArgs(args: string[]): Options | { summarize: string; top: number } {
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    const inline = args.find((a) => a.startsWith(`${flag}=`));
    return inline ? inline.slice(flag.length + 1) : i >= 0 ? args[i + 1] : undefined;
  };
  const summarize = value('--summarize');
  if (summarize) return { summarize, top: Number(args[args.indexOf(summarize) + 1] ?? 25) || 25 };
  const only = value('--only');
  const profile = value('--profile')?.split(',') ?? [];
  if (profile.some((p) => !(PROFILABLE as readonly string[]).includes(p))) {
    throw new Error(`--profile takes ${PROFILABLE.join(', ')} (one or more, comma-separated)`);
  }
  const sections = only?.split(',').map((s) => s.trim()) ?? null;
  const unknown = sections?.filter((s) => !(SECTIONS as readonly string[]).includes(s)) ?? [];
  if (unknown.length > 0) throw new Error(`--only takes ${SECTIONS.join(', ')}; not ${unknown.join(', ')}`);
  const rates = value('--rates')?.split(',').map(Number) ?? null;
  if (rates?.some((r) => !Number.isInteger(r) || r < 1 || r > 2000)) {
    throw new Error('--rates takes whole numbers of writes per second from 1 to 2000, comma-separated');
  }
  if (rates && !only)
    throw new Error('--rates needs --only (a run with other rates must not replace the docs)');
  const replicas = Number(value('--replicas') ?? 1);
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 4) {
    throw new Error('--replicas takes a whole number from 1 to 4');
  }
  return {
    rates,
    full: args.includes('--full'),
    only: sections as Section[] | null,
    profile: profile as ProfiledService[],
    replicas,
  };
}

function commit(): string | null {
  const out = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: WORKSPACE_ROOT, encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim() : null;
}

/** 2026-11-23T081405: to the second, so two runs in one minute do not overwrite each other's results. */
function stamp(date: Date): string {
  return date.toISOString().slice(0, 19).replaceAll(':', '');
}

async function run(options: Options): Promise<number> {
  const base = options.full ? FULL : QUICK;
  const mode = options.rates
    ? {
        ...base,
        floor: { ...base.floor, rates: options.rates },
        latency: { ...base.latency, rates: options.rates },
      }
    : base;
  const startedAt = new Date();
  const sections = (options.only ?? [...SECTIONS]).filter(
    // The drain compares one capacity instance with two by stopping and starting them itself.
    (s) => options.replicas === 1 || s !== 'drain',
  );
  log('bench', `${mode.name} mode: ${sections.join(', ')}; load average ${loadAverage().join(' / ')}`);

  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  try {
    await checkPostgres(databaseUrl);
    await checkRedis(redisUrl);
  } catch (error) {
    if (error instanceof PreflightError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const startedKafka = ensureKafka();
  // The bench writes far faster than one person: lift the gateway's per-user write limit for its stack only.
  process.env.RATE_LIMIT_WRITES_PER_MINUTE ??= '1000000';
  process.env.RATE_LIMIT_WRITES_PER_MINUTE_PER_IP ??= '1000000';
  const scratch = path.join(WORKSPACE_ROOT, '.local', 'bench');
  enableBenchPreload(options.profile, path.join(scratch, 'profiles'));
  if (options.profile.length > 0) {
    log('bench', `profiling ${options.profile.join(', ')} into ${path.join(scratch, 'profiles')}`);
  }

  let stack: TestStack | null = null;
  let ctx: BenchContext | null = null;
  // Bounded whatever happens: past the budget and 45 s of grace, stop everything and leave.
  const hardStop = setTimeout(() => {
    console.error(`bench: over its time limit (${(mode.budgetMs + 45_000) / 60_000} min); stopping`);
    void Promise.resolve(stack?.stop()).finally(() => process.exit(2));
  }, mode.budgetMs + 45_000);
  hardStop.unref();
  // A signal to the bench alone (`timeout`, `kill`) would leave its services running: stop them first.
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\nbench: ${signal}; stopping its stack`);
    void Promise.resolve(stack?.stop()).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const results: BenchResults = {
    startedAt: startedAt.toISOString(),
    mode: mode.name,
    replicas: options.replicas,
    commit: commit(),
    machine: machineNote(),
    loadavgAtStart: loadAverage(),
    whole: null,
    durationSeconds: 0,
    errors: {},
    targets: [],
  };
  const whole = measureMachine();
  try {
    log('bench', 'starting a stack of its own (databases, topics and ports for this run)');
    stack = await startTestStack({ replicas: options.replicas });
    log(
      'bench',
      `stack ${stack.runId} ready: gateway ${stack.gatewayUrl}` +
        (options.replicas > 1
          ? ` (proxy in front of ${options.replicas} gateways and ${options.replicas} capacity-service instances)`
          : ''),
    );
    const logDir = path.join(process.cwd(), '.local', 'logs', stack.runId);
    const context = new BenchContext(stack, mode, logDir, startedAt.getTime());
    ctx = context;
    const profiled = options.profile.map((s) => [s, Number(new URL(context.urlOf(s)).port)] as const);
    const profileMark = (label: string) => {
      for (const [service, port] of profiled) {
        if (dumpProfile(port)) log('profile', `${service}: ${label}`);
      }
    };

    const attempt = async (section: Section, body: () => Promise<void>) => {
      if (!sections.includes(section)) return;
      if (context.remainingMs() < 20_000) {
        results.errors[section] = 'skipped: the time budget was spent';
        return;
      }
      log(section, `--- ${section} (load average ${loadAverage().join(' / ')})`);
      try {
        await body();
      } catch (error) {
        results.errors[section] = (error as Error).stack ?? String(error);
        log(section, `failed: ${(error as Error).message}`);
      }
    };

    await attempt('floor', async () => {
      results.floor = await measureFloor(context);
    });
    await attempt('latency', async () => {
      profileMark('before latency');
      results.latency = await measureLatency(context);
      profileMark('after latency');
    });
    await attempt('referral', async () => {
      results.referral = await measureReferralVisible(context);
    });
    await attempt('fanout', async () => {
      profileMark('before fan-out');
      results.fanout = await measureFanout(context);
      profileMark('after fan-out');
    });
    await attempt('drain', async () => {
      const { events, units } = mode.drain;
      results.drain = {};
      results.drain.one = await measureDrain(context, {
        section: 'drain',
        instances: 1,
        events: occupancyStream(generateUnits(units, 5, 'Drain A'), events),
        expected: events,
        timeoutMs: 120_000,
        onDrained: () => profileMark('drain, one instance'),
      });
      if (context.remainingMs() < 60_000) return;
      results.drain.two = await measureDrain(context, {
        section: 'drain',
        instances: 2,
        events: occupancyStream(generateUnits(units, 5, 'Drain B'), events),
        expected: events,
        timeoutMs: 120_000,
      });
      await stopSecondInstance();
      await context.stack.startService('capacity-service');
    });
    await attempt('national', async () => {
      results.national = await measureNational(context, () => profileMark('national drain'));
    });
  } catch (error) {
    results.errors.stack = (error as Error).stack ?? String(error);
    log('bench', `failed: ${(error as Error).message}`);
  } finally {
    log('bench', 'stopping the stack and removing its databases and topics');
    await stopSecondInstance().catch(() => undefined);
    await ctx?.close();
    await stack?.dispose().catch((error: unknown) => log('bench', `clean-up: ${(error as Error).message}`));
    if (startedKafka && !process.env.KEEP_KAFKA) stopKafka();
    clearTimeout(hardStop);
  }

  results.whole = whole();
  results.durationSeconds = Math.round(elapsedSeconds());
  results.targets = checkTargets(results);
  const text = markdown(results);
  const partial = options.only !== null;
  const replicated = options.replicas > 1;
  const dir = partial ? scratch : path.join(WORKSPACE_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(
    dir,
    `${stamp(startedAt)}-${mode.name}${replicated ? `-replicas${options.replicas}` : ''}${partial ? '-partial' : ''}.json`,
  );
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  if (!partial && !replicated) {
    await writeSection(
      path.join(WORKSPACE_ROOT, 'docs', 'performance.md'),
      mode.name,
      mode.name === 'quick'
        ? 'Latest quick run (`npm run bench`)'
        : 'Latest full run (`npm run bench -- --full`)',
      text,
    );
  }
  console.log(`\n${text}\n`);
  log(
    'bench',
    `results in ${path.relative(WORKSPACE_ROOT, file)}${partial || replicated ? '' : ' and docs/performance.md'}`,
  );
  return Object.keys(results.errors).length > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  // `--scenario import`: the history import of 100,000 stays (bench/src/import.ts, ADR 0219).
  if (args.includes('--scenario') && args[args.indexOf('--scenario') + 1] === 'import') {
    return runImportBench();
  }
  const parsed = parseArgs(args);
  if ('summarize' in parsed) {
    console.log(summarizeProfile(parsed.summarize, parsed.top));
    return 0;
  }
  return run(parsed);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
