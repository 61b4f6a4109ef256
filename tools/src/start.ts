/** `npm start`: the whole stack on this machine with demo data; Ctrl-C stops everything it started. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {
  checkPostgres,
  checkRedis,
  defaultReplicaPorts,
  ensureKafka,
  launchStack,
  PreflightError,
  provisionStackKafka,
  startMailSink,
  stopKafka,
  WORKSPACE_ROOT,
  type MailSink,
  type Stack,
  type StackPorts,
} from '@plass/testing';
import { assignInstitutionUser } from './keycloak/assign';
import { applySsoEnv, ensureKeycloak, signInInfo, stopKeycloak, type DevKeycloak } from './keycloak/sso';
import { seedHousingDemo } from './seed/housing-demo';
import { seedReferralDemo } from './seed/referral-demo';
import { importFigures2024 } from './figures-2024/load';
import { seedDemoData } from './seed/seed';
import { localSettings } from './settings';

const LOCK = path.join(WORKSPACE_ROOT, '.local', 'start.pid');
const STEPS = 6;
/** `npm start -- --sso`: also the development Keycloak; the dashboard signs in with OIDC (ADR 0193). */
const SSO = process.argv.includes('--sso');
/**
 * `npm start -- --figures-2024`: the institutions are the generated 2024 year of the VEL institutions
 * (their history, imported), in place of the demo institutions, which carry the same names (ADR 0220).
 */
const FIGURES_2024 = process.argv.includes('--figures-2024');

const step = (n: number, text: string) => console.log(`[${n}/${STEPS}] ${text}`);

function alreadyRunning(): number | null {
  if (!existsSync(LOCK)) return null;
  const pid = Number(readFileSync(LOCK, 'utf8'));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const WEB = path.join(WORKSPACE_ROOT, 'services', 'web');

/**
 * `--replicas n` (or `--replicas=n`): n gateways and n capacity-service instances behind local proxies on
 * the usual ports (ADR 0209); 1 when not given.
 */
function replicasFromArgs(argv: string[]): number {
  const flag = argv.find((a) => a === '--replicas' || a.startsWith('--replicas='));
  if (!flag) return 1;
  const value = flag.includes('=') ? flag.split('=')[1] : argv[argv.indexOf(flag) + 1];
  const replicas = Number(value);
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 9) {
    throw new PreflightError(`--replicas takes a whole number from 1 to 9, not ${value ?? '(nothing)'}`);
  }
  return replicas;
}

/** The replicas' own ports, to check they are free and to print them (none for a single instance). */
function replicaPortList(ports: StackPorts, replicas: number): [string, number][] {
  if (replicas <= 1) return [];
  const layout = defaultReplicaPorts(ports, replicas);
  return [
    ...layout.gateway.map((p, i): [string, number] => [`gateway replica ${i + 1}`, p]),
    ...layout.capacity.map((p, i): [string, number] => [`capacity replica ${i + 1}`, p]),
  ].filter(([, p]) => !Object.values(ports).includes(p));
}

/** The newest modification time under a folder (the dashboard's sources). */
function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }, 0);
}

/** Builds the dashboard when it has never been built or its sources changed since. */
function buildDashboard(): string {
  const index = path.join(WEB, 'dist', 'index.html');
  if (
    existsSync(index) &&
    statSync(index).mtimeMs >=
      Math.max(newest(path.join(WEB, 'src')), statSync(path.join(WEB, 'index.html')).mtimeMs)
  ) {
    return 'dashboard is up to date';
  }
  const result = spawnSync('npm', ['run', '-s', 'build:web'], {
    cwd: WORKSPACE_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0)
    throw new PreflightError('building the dashboard failed (npm run build:web); see the messages above');
  return 'dashboard built';
}

async function main(): Promise<void> {
  const settings = localSettings();
  const running = alreadyRunning();
  if (running) {
    console.error(
      `Plassoversikt is already running (pid ${running}): http://localhost:${settings.ports.gateway}\n` +
        'Stop it with Ctrl-C in its terminal (or kill that pid) before starting it again.',
    );
    process.exit(1);
  }
  mkdirSync(path.dirname(LOCK), { recursive: true });
  writeFileSync(LOCK, String(process.pid));

  let stack: Stack | null = null;
  let mailSink: MailSink | null = null;
  let startedKafka = false;
  let keycloak: DevKeycloak | null = null;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Plassoversikt…');
    await stack?.stop();
    await mailSink?.stop();
    if (startedKafka) stopKafka();
    if (keycloak?.started) stopKeycloak();
    rmSync(LOCK, { force: true });
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    const started = Date.now();
    const replicas = replicasFromArgs(process.argv.slice(2));
    step(1, 'Checking PostgreSQL and Redis');
    await checkPostgres(settings.databaseUrl);
    await checkRedis(settings.redisUrl);
    for (const [name, port] of [
      ...(Object.entries(settings.ports) as [string, number][]),
      ...replicaPortList(settings.ports, replicas),
    ]) {
      if (await portInUse(port)) {
        throw new PreflightError(
          `Port ${port} (${name}) is already in use, perhaps by an earlier Plassoversikt that did not stop.\n` +
            `Free it, or choose another port with ${name.toUpperCase()}_PORT=<port> npm start.`,
        );
      }
    }
    step(2, 'Starting the Kafka broker (infra/kafka) and provisioning its topics and ACLs');
    startedKafka = ensureKafka();
    // Topics and ACLs (idempotent): the services create no topics and may only do what their ACLs allow.
    await provisionStackKafka(settings);
    if (SSO) {
      console.log('      --sso: starting Keycloak (infra/keycloak)');
      keycloak = ensureKeycloak();
      applySsoEnv(keycloak.issuer);
    }
    step(3, 'Building the dashboard (services/web)');
    console.log(`      ${buildDashboard()}`);
    step(4, 'Starting the services (migrations run as each one boots)');
    // E-mail notifications (ADR 0178): a local SMTP sink process; the capacity service sends to it.
    const mailFile = path.join(WORKSPACE_ROOT, '.local', 'mail', 'sink.jsonl');
    mailSink = await startMailSink({
      port: Number(process.env.MAIL_SINK_PORT ?? 2525),
      file: mailFile,
    }).catch(
      () => startMailSink({ port: 0, file: mailFile }), // 2525 taken: any free port
    );
    process.env.SMTP_HOST ??= '127.0.0.1';
    process.env.SMTP_PORT ??= String(mailSink.port);
    console.log(`      mail sink on 127.0.0.1:${mailSink.port}: e-mail notifications go to ${mailFile}`);
    stack = await launchStack({ settings, replicas, onProgress: (m) => console.log(`      ${m}`) });
    step(5, FIGURES_2024 ? 'Loading the 2024 year and the demo housing and referrals' : 'Loading demo data');
    const seeded = FIGURES_2024
      ? await importFigures2024(stack.gatewayUrl, (m) => console.log(`      ${m}`))
      : await seedDemoData(stack.gatewayUrl, { onProgress: (m) => console.log(`      ${m}`) });
    console.log(`      ${seeded}`);
    console.log(
      `      ${await seedHousingDemo(stack.gatewayUrl, { onProgress: (m) => console.log(`      ${m}`) })}`,
    );
    console.log(
      `      ${await seedReferralDemo(stack.gatewayUrl, { onProgress: (m) => console.log(`      ${m}`) })}`,
    );
    if (keycloak) console.log(`      ${await assignInstitutionUser(keycloak.url, stack.gatewayUrl)}`);
    step(6, `Ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`\nPlassoversikt is running: http://localhost:${settings.ports.gateway}`);
    for (const [name, port] of replicaPortList(settings.ports, replicas)) {
      console.log(
        `  ${name}: http://127.0.0.1:${port} (behind the proxy on :${name.startsWith('gateway') ? settings.ports.gateway : settings.ports.capacity})`,
      );
    }
    console.log(
      `Logs: ${path.relative(process.cwd(), path.join(WORKSPACE_ROOT, '.local', 'logs'))}/ · a token: npm run -s token -- --role intake`,
    );
    console.log(
      `E-mail notifications: ${path.relative(process.cwd(), mailSink.file)} (one JSON line per message)`,
    );
    if (keycloak) console.log(signInInfo(keycloak));
    console.log('Press Ctrl-C to stop.');
  } catch (error) {
    console.error(
      `\n${error instanceof PreflightError ? error.message : ((error as Error).stack ?? String(error))}`,
    );
    await shutdown(1);
  }
}

void main();
