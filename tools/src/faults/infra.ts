/**
 * Throwaway infrastructure the fault suite owns: its own Kafka broker (infra/kafka on its own ports and
 * data dir), its own PostgreSQL cluster (initdb into a temporary dir) and its own Redis (a child
 * process). The suite stops and starts these under load; the machine's shared PostgreSQL (5432), Redis
 * (6379) and Kafka brokers are never touched: every command names this run's ports, data dirs or pids.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
  type WriteStream,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  checkRedis,
  gatewayMetricsPort,
  localKafkaCredentials,
  WORKSPACE_ROOT,
  type KafkaCredentials,
} from '@plass/testing';
import { Client } from 'pg';

const PG_BIN =
  process.env.FAULTS_PG_BIN ??
  firstExisting(['17', '16', '15', '14'].map((v) => `/usr/lib/postgresql/${v}/bin`));
const KAFKA_SCRIPT = path.join(WORKSPACE_ROOT, 'infra/kafka/kafka.sh');
/** Ports of the suite: above the test stacks' 20000–29999 and below Linux's ephemeral range (32768). */
const PORT_RANGE = { from: 30_000, to: 32_700 };

function firstExisting(dirs: string[]): string {
  return dirs.find((d) => existsSync(path.join(d, 'postgres'))) ?? dirs[dirs.length - 1];
}

export interface InfraPorts {
  kafka: number;
  kafkaController: number;
  postgres: number;
  redis: number;
  gateway: number;
  gateway2: number;
  /** The second gateway replica and the capacity-service replicas of `--replicas 2` (ADR 0209). */
  gateway3: number;
  capacity2: number;
  capacity3: number;
  institution: number;
  housing: number;
  capacity: number;
  intake: number;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Thirteen free loopback ports, from a random start in the suite's range. */
async function allocatePorts(): Promise<InfraPorts> {
  const names: (keyof InfraPorts)[] = [
    'kafka',
    'kafkaController',
    'postgres',
    'redis',
    'gateway',
    'gateway2',
    'gateway3',
    'institution',
    'housing',
    'capacity',
    'capacity2',
    'capacity3',
    'intake',
  ];
  const span = PORT_RANGE.to - PORT_RANGE.from;
  let candidate = PORT_RANGE.from + Math.floor(Math.random() * span);
  const ports: Partial<InfraPorts> = {};
  for (const name of names) {
    for (let tries = 0; ; tries++) {
      if (tries > 500) throw new Error('no free port between 30000 and 32700');
      candidate = PORT_RANGE.from + ((candidate + 1 - PORT_RANGE.from) % span);
      const free =
        (await portIsFree(candidate)) &&
        // A gateway also listens on its metrics port.
        (!name.startsWith('gateway') || (await portIsFree(gatewayMetricsPort(candidate))));
      if (free) break;
    }
    ports[name] = candidate;
  }
  return ports as InfraPorts;
}

/** Runs a command to its end without blocking the event loop (the load and the sockets keep going). */
function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; log: WriteStream; asPostgres?: boolean },
): Promise<void> {
  const [cmd, argv] =
    options.asPostgres && process.getuid?.() === 0
      ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
      : [command, args];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk: Buffer) => {
        options.log.write(chunk);
        tail = (tail + chunk.toString()).slice(-2000);
      });
    }
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(command)} ${args[0] ?? ''} exited with ${code}:\n${tail}`)),
    );
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

export class FaultInfra {
  private redisChild: ChildProcess | null = null;
  private redisExited: Promise<void> | null = null;
  private pgRunning = false;
  private kafkaRunning = false;
  private readonly log: WriteStream;

  private constructor(
    readonly ports: InfraPorts,
    /** Everything the infrastructure writes: PostgreSQL, Kafka and Redis data and logs. */
    readonly dir: string,
  ) {
    this.log = createWriteStream(path.join(dir, 'infra.log'), { flags: 'a' });
  }

  static async create(): Promise<FaultInfra> {
    const ports = await allocatePorts();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'plass-faults-'));
    // The postgres user must reach its cluster below this directory.
    chmodSync(dir, 0o755);
    return new FaultInfra(ports, dir);
  }

  get databaseUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.ports.postgres}`;
  }

  get redisUrl(): string {
    return `redis://127.0.0.1:${this.ports.redis}`;
  }

  get kafkaBrokers(): string {
    return `127.0.0.1:${this.ports.kafka}`;
  }

  // --- PostgreSQL: a cluster of its own, initdb'd into the run's directory --------------------------

  private get pgDir(): string {
    return path.join(this.dir, 'postgres');
  }

  private async initPostgres(): Promise<void> {
    mkdirSync(path.join(this.pgDir, 'sock'), { recursive: true });
    if (process.getuid?.() === 0) {
      // initdb and postgres refuse to run as root: the cluster belongs to the postgres user.
      for (const d of [this.pgDir, path.join(this.pgDir, 'sock')]) {
        const { uid, gid } = postgresUser();
        chownSync(d, uid, gid);
      }
    }
    await run(
      path.join(PG_BIN, 'initdb'),
      [
        '-D',
        path.join(this.pgDir, 'data'),
        '-U',
        'postgres',
        '--auth=trust',
        '--no-sync',
        '--no-instructions',
        '-E',
        'UTF8',
        '--locale=C.UTF-8',
      ],
      { log: this.log, asPostgres: true },
    );
  }

  async startPostgres(): Promise<void> {
    if (!existsSync(path.join(this.pgDir, 'data'))) await this.initPostgres();
    const options = [
      `-p ${this.ports.postgres}`,
      `-k ${path.join(this.pgDir, 'sock')}`,
      '-c listen_addresses=127.0.0.1',
      // A throwaway cluster: no fsync (an OS crash is not one of the faults), room for every pool.
      '-c fsync=off',
      '-c max_connections=200',
    ].join(' ');
    await run(
      path.join(PG_BIN, 'pg_ctl'),
      [
        '-D',
        path.join(this.pgDir, 'data'),
        '-l',
        path.join(this.pgDir, 'postgres.log'),
        '-w',
        '-t',
        '60',
        '-o',
        options,
        'start',
      ],
      { log: this.log, asPostgres: true },
    );
    this.pgRunning = true;
    await waitFor('PostgreSQL', () => this.pgAnswers(), 30_000);
  }

  /** Fast shutdown: open transactions are rolled back, every connection is cut. */
  async stopPostgres(): Promise<void> {
    await run(
      path.join(PG_BIN, 'pg_ctl'),
      ['-D', path.join(this.pgDir, 'data'), '-m', 'fast', '-w', '-t', '60', 'stop'],
      { log: this.log, asPostgres: true },
    );
    this.pgRunning = false;
  }

  private async pgAnswers(): Promise<boolean> {
    const client = new Client({
      connectionString: `${this.databaseUrl}/postgres`,
      connectionTimeoutMillis: 1000,
    });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  // --- Redis: a child process on the run's port, no persistence ----------------------------------

  async startRedis(): Promise<void> {
    if (this.redisChild) return;
    const dir = path.join(this.dir, 'redis');
    mkdirSync(dir, { recursive: true });
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.ports.redis),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--daemonize',
        'no',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.pipe(this.log, { end: false });
    child.stderr.pipe(this.log, { end: false });
    this.redisChild = child;
    this.redisExited = new Promise((resolve) => child.once('exit', () => resolve()));
    await waitFor(
      'Redis',
      () =>
        checkRedis(this.redisUrl).then(
          () => true,
          () => false,
        ),
      15_000,
    );
  }

  /** Stops this run's Redis (by its pid) and waits until it has exited; its data is gone with it. */
  async stopRedis(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.redisChild;
    if (!child) return;
    child.kill(signal);
    await this.redisExited;
    this.redisChild = null;
  }

  // --- Kafka: infra/kafka/kafka.sh on the run's ports and data dir -------------------------------

  private kafkaEnv(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      KAFKA_PORT: String(this.ports.kafka),
      KAFKA_CONTROLLER_PORT: String(this.ports.kafkaController),
      KAFKA_DATA_DIR: path.join(this.dir, 'kafka'),
      KAFKA_HEAP_OPTS: '-Xms256m -Xmx768m',
    };
  }

  /** The development credentials of this run's broker (generated into its data dir). */
  kafkaCredentials(): KafkaCredentials {
    return localKafkaCredentials(this.kafkaEnv());
  }

  async startKafka(): Promise<void> {
    const dataDir = path.join(this.dir, 'kafka');
    const clusterIdFile = path.join(dataDir, 'cluster.id');
    if (!existsSync(clusterIdFile)) {
      // kafka.sh draws a random cluster id, and one that starts with '-' (1 in 64) is taken for an option
      // by the storage formatter, which then fails: give it one that starts with a letter or digit.
      mkdirSync(dataDir, { recursive: true });
      let id = randomBytes(16).toString('base64url');
      while (id.startsWith('-') || id.startsWith('_')) id = randomBytes(16).toString('base64url');
      writeFileSync(clusterIdFile, id);
    }
    await run('bash', [KAFKA_SCRIPT, 'start'], { env: this.kafkaEnv(), log: this.log });
    this.kafkaRunning = true;
  }

  /** SIGTERM (a clean broker shutdown), SIGKILL after 30 s: kafka.sh only stops the broker of its data dir. */
  async stopKafka(): Promise<void> {
    await run('bash', [KAFKA_SCRIPT, 'stop'], { env: this.kafkaEnv(), log: this.log });
    this.kafkaRunning = false;
  }

  // --- all of it -------------------------------------------------------------------------------

  async start(): Promise<void> {
    await Promise.all([this.startKafka(), this.startPostgres(), this.startRedis()]);
  }

  /** Stops everything this run started and removes its directory (unless `keep`). */
  async dispose(keep = false): Promise<void> {
    await Promise.allSettled([
      this.kafkaRunning || existsSync(path.join(this.dir, 'kafka', 'kafka.pid'))
        ? this.stopKafka()
        : undefined,
      this.pgRunning ? this.stopPostgres() : undefined,
      this.stopRedis(),
    ]);
    this.log.end();
    if (!keep) rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * Last-resort clean-up when the process is being torn down (a signal): synchronous, so it finishes
   * before exit. Immediate PostgreSQL shutdown, SIGKILL for Redis, kafka.sh stop for the broker.
   */
  disposeSync(removeDir: boolean): void {
    this.redisChild?.kill('SIGKILL');
    if (existsSync(path.join(this.pgDir, 'data', 'postmaster.pid'))) {
      const args = ['-D', path.join(this.pgDir, 'data'), '-m', 'immediate', '-w', 'stop'];
      const pgCtl = path.join(PG_BIN, 'pg_ctl');
      if (process.getuid?.() === 0)
        spawnSync('runuser', ['-u', 'postgres', '--', pgCtl, ...args], { stdio: 'ignore' });
      else spawnSync(pgCtl, args, { stdio: 'ignore' });
    }
    if (existsSync(path.join(this.dir, 'kafka', 'kafka.pid'))) {
      spawnSync('bash', [KAFKA_SCRIPT, 'stop'], { env: this.kafkaEnv(), stdio: 'ignore' });
    }
    if (removeDir) rmSync(this.dir, { recursive: true, force: true });
  }
}

function postgresUser(): { uid: number; gid: number } {
  const result = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gidResult = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (result.status !== 0 || gidResult.status !== 0) {
    throw new Error(
      'running as root needs a postgres user to own the throwaway cluster (initdb refuses root)',
    );
  }
  return { uid: Number(result.stdout.trim()), gid: Number(gidResult.stdout.trim()) };
}
