/**
 * Time to ready and memory of each service, compiled (`node dist/…/main.js`) against from source
 * (`node -r @swc-node/register …/main.ts`, with a warm and with a cold SWC transform cache), one service at a
 * time on a provisioned test namespace, `runs` rounds that alternate the modes. Writes
 * bench/results/compiled-start.json (ADR 0207). Run `npm run -s build:services` first.
 *
 *   node -r @swc-node/register tools/src/build/start-time.ts [runs]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serviceSpecs, startTestStack, WORKSPACE_ROOT, type ServiceSpec } from '@plass/testing';

type Mode = 'compiled' | 'source-warm-cache' | 'source-cold-cache';
const MODES: Mode[] = ['compiled', 'source-warm-cache', 'source-cold-cache'];

interface Sample {
  service: string;
  mode: Mode;
  run: number;
  readyMs: number;
  /** user + system CPU of the process from its start to ready. */
  cpuMs: number;
  /** Resident set size when /health/ready first answered 200, and 3 s later. */
  rssAtReadyMiB: number;
  rssAfter3sMiB: number;
}

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

function procStat(pid: number): { cpuMs: number; rssMiB: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat (1-based), 11 and 12 after the command name.
  const cpuMs = (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return { cpuMs, rssMiB: Math.round((rssKiB / 1024) * 10) / 10 };
}

async function measure(spec: ServiceSpec, mode: Mode, run: number, warmCacheDir: string): Promise<Sample> {
  const coldCacheDir = mkdtempSync(path.join(os.tmpdir(), 'plass-swc-cold-'));
  const args =
    mode === 'compiled'
      ? [path.posix.join('dist', spec.entry.replace(/\.ts$/, '.js'))]
      : ['-r', '@swc-node/register', spec.entry];
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: WORKSPACE_ROOT,
    env: {
      ...process.env,
      ...spec.env,
      SWC_NODE_CACHE_DIR: mode === 'source-cold-cache' ? coldCacheDir : warmCacheDir,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  try {
    for (;;) {
      if (gone) throw new Error(`${spec.name} (${mode}) exited while starting:\n${stderr}`);
      if (performance.now() - started > 120_000) throw new Error(`${spec.name} (${mode}) not ready in 120 s`);
      const ok = await fetch(`http://127.0.0.1:${spec.port}/health/ready`, {
        signal: AbortSignal.timeout(1000),
      })
        .then((response) => response.ok)
        .catch(() => false);
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const readyMs = Math.round(performance.now() - started);
    const atReady = procStat(child.pid ?? 0);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const later = procStat(child.pid ?? 0);
    return {
      service: spec.name,
      mode,
      run,
      readyMs,
      cpuMs: atReady.cpuMs,
      rssAtReadyMiB: atReady.rssMiB,
      rssAfter3sMiB: later.rssMiB,
    };
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(coldCacheDir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 3);
  if (!existsSync(path.join(WORKSPACE_ROOT, 'dist/services/gateway/src/main.js'))) {
    throw new Error('no dist/: run `npm run -s build:services` first');
  }
  // A namespace with topics, ACLs and credentials, and no service started: each is started here alone.
  const stack = await startTestStack({ only: [] });
  const warmCacheDir = mkdtempSync(path.join(os.tmpdir(), 'plass-swc-warm-'));
  const samples: Sample[] = [];
  const loadBefore = os.loadavg();
  try {
    const specs = serviceSpecs(stack.settings);
    // Warm-up, not counted: fills the warm SWC cache and the page cache for both file sets.
    for (const spec of specs) {
      await measure(spec, 'source-warm-cache', 0, warmCacheDir);
      await measure(spec, 'compiled', 0, warmCacheDir);
    }
    for (let run = 1; run <= runs; run++) {
      for (const spec of specs) {
        for (const mode of MODES) {
          const sample = await measure(spec, mode, run, warmCacheDir);
          samples.push(sample);
          console.log(JSON.stringify(sample));
        }
      }
    }
  } finally {
    rmSync(warmCacheDir, { recursive: true, force: true });
    await stack.dispose();
  }
  const summary = [...new Set(samples.map((s) => s.service))].flatMap((service) =>
    MODES.map((mode) => {
      const of = samples.filter((s) => s.service === service && s.mode === mode);
      return {
        service,
        mode,
        runs: of.length,
        readyMsMedian: median(of.map((s) => s.readyMs)),
        readyMsMin: Math.min(...of.map((s) => s.readyMs)),
        readyMsMax: Math.max(...of.map((s) => s.readyMs)),
        cpuMsMedian: median(of.map((s) => s.cpuMs)),
        rssAtReadyMiBMedian: median(of.map((s) => s.rssAtReadyMiB)),
        rssAfter3sMiBMedian: median(of.map((s) => s.rssAfter3sMiB)),
      };
    }),
  );
  const result = {
    measuredAt: new Date().toISOString(),
    command: 'node -r @swc-node/register tools/src/build/start-time.ts ' + runs,
    node: process.version,
    cpus: os.cpus().length,
    loadavgBefore: loadBefore,
    loadavgAfter: os.loadavg(),
    method:
      'each service alone, spawned and polled every 25 ms on GET /health/ready until 200; readyMs from spawn; ' +
      'cpuMs = utime + stime of the process at ready; RSS = VmRSS of /proc/<pid>/status at ready and 3 s later. ' +
      'source-warm-cache reuses one SWC_NODE_CACHE_DIR filled by a warm-up; source-cold-cache gets an empty one ' +
      'each start (what a container with a fresh /tmp has).',
    summary,
    samples,
  };
  const file = path.join(WORKSPACE_ROOT, 'bench/results/compiled-start.json');
  // The module-load figures in the same file are measured by hand (docs/performance.md): kept as they are.
  const previous = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { moduleLoad?: unknown })
    : {};
  writeFileSync(file, `${JSON.stringify({ ...result, moduleLoad: previous.moduleLoad }, null, 2)}\n`);
  console.table(summary);
  console.log(`written to ${path.relative(WORKSPACE_ROOT, file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
