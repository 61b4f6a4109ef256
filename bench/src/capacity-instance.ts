/**
 * A second capacity-service process for the two-instance drain: the stack's own capacity-service
 * environment on another port, started and stopped the way the launcher does it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { WORKSPACE_ROOT, type Stack } from '@plass/testing';
import { sleep } from './clock';

export class ExtraCapacityInstance {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    private readonly stack: Stack,
    readonly port: number,
    private readonly logDir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(readyTimeoutMs = 90_000): Promise<void> {
    if (this.child) return;
    const spec = this.stack.specs.find((s) => s.name === 'capacity-service');
    if (!spec) throw new Error('the stack has no capacity-service to copy');
    mkdirSync(this.logDir, { recursive: true });
    const log = createWriteStream(path.join(this.logDir, `capacity-service-${this.port}.log`), {
      flags: 'a',
    });
    const child = spawn(process.execPath, ['-r', '@swc-node/register', spec.entry], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, ...spec.env, CAPACITY_PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    let code: number | null | undefined;
    this.exited = new Promise((resolve) =>
      child.once('exit', (c) => {
        code = c;
        log.end();
        resolve();
      }),
    );
    this.child = child;
    const deadline = Date.now() + readyTimeoutMs;
    while (Date.now() < deadline) {
      if (code !== undefined) throw new Error(`second capacity-service exited with ${code} while starting`);
      try {
        const response = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    await this.stop();
    throw new Error('second capacity-service was not ready in time');
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
    this.child = null;
  }
}
