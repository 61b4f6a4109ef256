/**
 * Starts the services as real processes (the same way `npm start` does), waits until each is ready,
 * and stops them again. Tests use it to drive the stack like a user, and fault tests to kill and restart parts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { nodeArgs } from './compiled';
import { ReplicaProxy, type ReplicaProxyOptions } from './proxy';
import {
  defaultReplicaPorts,
  replicatedSpecs,
  serviceSpecs,
  type ReplicaPorts,
  type ServiceName,
  type ServiceSpec,
  type StackSettings,
} from './services';

export const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');

export interface LaunchOptions {
  settings: StackSettings;
  /** Extra gateway instances (ports) beside settings.ports.gateway. */
  gatewayPorts?: number[];
  /** Start only these services (default: all). */
  only?: ServiceName[];
  logDir?: string;
  /** Also copy each service's output to this process's stdout. */
  echo?: boolean;
  readyTimeoutMs?: number;
  onProgress?: (message: string) => void;
  /**
   * Gateways and capacity-service instances (default 1). Above 1 the stack runs that many of each on
   * their own ports (`replicaPorts`, by default `defaultReplicaPorts`) behind local proxies on the public
   * gateway and capacity ports (ADR 0209).
   */
  replicas?: number;
  replicaPorts?: ReplicaPorts;
  /** Proxies the stack starts before its services and closes after them (set by `replicaPlan`). */
  proxies?: ReplicaProxyOptions[];
}

interface Running {
  spec: ServiceSpec;
  child: ChildProcess;
  log: WriteStream;
  logFile: string;
  exited: Promise<number | null>;
}

export class Stack {
  private readonly running = new Map<string, Running>();
  /** The replicated stack's proxies by name (`gateway`, `capacity-service`); empty otherwise. */
  readonly proxies = new Map<string, ReplicaProxy>();

  constructor(
    private readonly options: LaunchOptions,
    readonly specs: ServiceSpec[],
  ) {}

  get gatewayUrl(): string {
    return `http://127.0.0.1:${this.options.settings.ports.gateway}`;
  }

  urlOf(name: ServiceName, port?: number): string {
    const spec = this.specs.find((s) => s.name === name && (port === undefined || s.port === port));
    if (!spec) throw new Error(`no ${name} in this stack`);
    return `http://127.0.0.1:${spec.port}`;
  }

  /** Where a service's `GET /metrics` answers: its own port, the gateway's internal metrics port. */
  metricsUrlOf(name: ServiceName, port?: number): string {
    const spec = this.specs.find((s) => s.name === name && (port === undefined || s.port === port));
    if (!spec) throw new Error(`no ${name} in this stack`);
    return `http://127.0.0.1:${spec.env.GATEWAY_METRICS_PORT ?? spec.port}`;
  }

  /** Starts every service not yet running; the sources and the read model first, then the gateways. */
  async start(): Promise<void> {
    await this.startProxies();
    const backends = this.specs.filter((s) => s.name !== 'gateway');
    const gateways = this.specs.filter((s) => s.name === 'gateway');
    await Promise.all(backends.map((s) => this.startOne(s)));
    await Promise.all(gateways.map((s) => this.startOne(s)));
  }

  async startService(name: ServiceName, port?: number): Promise<void> {
    const spec = this.specs.find((s) => s.name === name && (port === undefined || s.port === port));
    if (!spec) throw new Error(`no ${name} in this stack`);
    await this.startOne(spec);
  }

  /** Sends a signal to a service (SIGKILL for crash tests) and waits until it has exited. */
  async kill(name: ServiceName, signal: NodeJS.Signals = 'SIGKILL', port?: number): Promise<void> {
    const entry = [...this.running.entries()].find(
      ([, r]) => r.spec.name === name && (port === undefined || r.spec.port === port),
    );
    if (!entry) return;
    const [key, r] = entry;
    r.child.kill(signal);
    await r.exited;
    this.running.delete(key);
  }

  async stop(): Promise<void> {
    const all = [...this.running.values()];
    for (const r of all) r.child.kill('SIGTERM');
    await Promise.all(
      all.map(async (r) => {
        const timer = setTimeout(() => r.child.kill('SIGKILL'), 10_000);
        await r.exited;
        clearTimeout(timer);
      }),
    );
    this.running.clear();
    await this.closeProxies();
  }

  /** Ports of the running instances of a service (the replicas that are up). */
  runningPorts(name: ServiceName): number[] {
    return [...this.running.values()].filter((r) => r.spec.name === name).map((r) => r.spec.port);
  }

  private async startProxies(): Promise<void> {
    for (const options of this.options.proxies ?? []) {
      if (this.proxies.has(options.name)) continue;
      this.proxies.set(options.name, await ReplicaProxy.start(options));
      this.options.onProgress?.(
        `${options.name} proxy on port ${options.port} → replicas on ${options.targets.join(', ')}`,
      );
    }
  }

  private async closeProxies(): Promise<void> {
    const proxies = [...this.proxies.values()];
    this.proxies.clear();
    await Promise.all(proxies.map((p) => p.close()));
  }

  private async startOne(spec: ServiceSpec): Promise<void> {
    const key = `${spec.name}:${spec.port}`;
    if (this.running.has(key)) return;
    const logDir = this.options.logDir ?? path.join(WORKSPACE_ROOT, '.local', 'logs');
    mkdirSync(logDir, { recursive: true });
    const logFile = path.join(logDir, `${spec.name}-${spec.port}.log`);
    const log = createWriteStream(logFile, { flags: 'a' });
    const started = Date.now();
    this.options.onProgress?.(`starting ${spec.name} on port ${spec.port}`);
    const child = spawn(process.execPath, nodeArgs(spec.entry), {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream?.pipe(log, { end: false });
      if (this.options.echo) stream?.pipe(process.stdout, { end: false });
    }
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const running: Running = { spec, child, log, logFile, exited };
    this.running.set(key, running);
    void exited.then(() => log.end());
    try {
      await this.waitReady(running);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    this.options.onProgress?.(
      `${spec.name} ready on port ${spec.port} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }

  private async waitReady(r: Running): Promise<void> {
    const deadline = Date.now() + (this.options.readyTimeoutMs ?? 90_000);
    let exitCode: number | null | undefined;
    void r.exited.then((code) => (exitCode = code));
    let last = '';
    while (Date.now() < deadline) {
      if (exitCode !== undefined) {
        throw new Error(`${r.spec.name} exited with code ${exitCode} while starting:\n${tail(r.logFile)}`);
      }
      try {
        const response = await fetch(`http://127.0.0.1:${r.spec.port}/health/ready`, {
          signal: AbortSignal.timeout(2000),
        });
        if (response.ok) return;
        last = await response.text();
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${r.spec.name} was not ready in time (last answer: ${last}):\n${tail(r.logFile)}`);
  }
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** The proxies of a replicated stack: the public gateway port and CAPACITY_URL's port, each in front of its replicas. */
export function replicaProxies(settings: StackSettings, replicaPorts: ReplicaPorts): ReplicaProxyOptions[] {
  return [
    { name: 'capacity-service', port: settings.ports.capacity, targets: replicaPorts.capacity },
    { name: 'gateway', port: settings.ports.gateway, targets: replicaPorts.gateway },
  ];
}

/**
 * Specs and proxies of a stack with `options.replicas` gateways and capacity-service instances (null
 * for a single-instance stack).
 */
export function replicaPlan(
  options: LaunchOptions,
): { specs: ServiceSpec[]; proxies: ReplicaProxyOptions[]; replicaPorts: ReplicaPorts } | null {
  const replicas = options.replicas ?? 1;
  if (replicas <= 1) return null;
  const replicaPorts = options.replicaPorts ?? defaultReplicaPorts(options.settings.ports, replicas);
  if (replicaPorts.gateway.length !== replicas || replicaPorts.capacity.length !== replicas) {
    throw new Error(`replicaPorts must name ${replicas} gateway and ${replicas} capacity-service ports`);
  }
  return {
    specs: replicatedSpecs(options.settings, replicaPorts),
    proxies: replicaProxies(options.settings, replicaPorts),
    replicaPorts,
  };
}

export async function launchStack(options: LaunchOptions): Promise<Stack> {
  const plan = replicaPlan(options);
  const specs =
    plan?.specs ??
    serviceSpecs(options.settings, [options.settings.ports.gateway, ...(options.gatewayPorts ?? [])]);
  const stack = new Stack(
    plan ? { ...options, proxies: plan.proxies } : options,
    options.only ? specs.filter((s) => options.only?.includes(s.name)) : specs,
  );
  try {
    await stack.start();
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}
