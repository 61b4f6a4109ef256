/** The bench's side of a client farm (client-farm.ts): starts the child and asks it to do things. */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { SubscribeRequest } from '@plass/contracts';
import { WORKSPACE_ROOT } from '@plass/testing';
import type { FarmCommand, FarmReply, FarmStats } from './farm-protocol';

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

export class LiveFarm {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: FarmReply) => void>();
  private exited = false;
  onProgress: ((connected: number, failed: number) => void) | null = null;

  constructor(readonly name: string) {
    this.child = fork(path.join(__dirname, 'client-farm.ts'), [], {
      cwd: WORKSPACE_ROOT,
      execArgv: ['-r', '@swc-node/register'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (reply: FarmReply) => {
      if (reply.type === 'progress') {
        this.onProgress?.(reply.connected, reply.failed);
        return;
      }
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
    this.child.once('exit', () => {
      this.exited = true;
      for (const resolve of this.waiting.values()) resolve({ id: 0, type: 'error', message: 'farm exited' });
      this.waiting.clear();
    });
  }

  private ask(command: Distribute<FarmCommand>, timeoutMs: number): Promise<FarmReply> {
    if (this.exited) return Promise.reject(new Error(`${this.name} is not running`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`${this.name}: no answer to ${command.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, (reply) => {
        clearTimeout(timer);
        if (reply.type === 'error') reject(new Error(`${this.name}: ${reply.message}`));
        else resolve(reply);
      });
      this.child.send({ ...command, id });
    });
  }

  async connect(options: {
    url: string;
    token: string;
    count: number;
    scopeSets: SubscribeRequest[][];
    concurrency: number;
    timeoutMs: number;
  }): Promise<Extract<FarmReply, { type: 'connected' }>> {
    const reply = await this.ask({ type: 'connect', ...options }, options.timeoutMs * 10 + 120_000);
    if (reply.type !== 'connected') throw new Error(`${this.name}: unexpected ${reply.type}`);
    return reply;
  }

  async arm(key: string): Promise<void> {
    await this.ask({ type: 'arm', key }, 10_000);
  }

  async collect(timeoutMs: number): Promise<{ times: number[]; missing: number }> {
    const reply = await this.ask({ type: 'collect', timeoutMs }, timeoutMs + 10_000);
    if (reply.type !== 'collected') throw new Error(`${this.name}: unexpected ${reply.type}`);
    return reply;
  }

  async stats(): Promise<FarmStats> {
    const reply = await this.ask({ type: 'stats' }, 10_000);
    if (reply.type !== 'stats') throw new Error(`${this.name}: unexpected ${reply.type}`);
    return reply.stats;
  }

  async close(): Promise<void> {
    if (this.exited) return;
    await this.ask({ type: 'close' }, 30_000).catch(() => undefined);
    this.child.disconnect();
    await new Promise<void>((resolve) => {
      if (this.exited) resolve();
      else this.child.once('exit', () => resolve());
      setTimeout(() => {
        this.child.kill('SIGKILL');
        resolve();
      }, 5000).unref();
    });
  }
}
