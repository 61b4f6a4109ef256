/** Puts the bench's preload (preload.ts) into the stack's environment, and signals the services. */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const PROFILABLE = ['institution-service', 'capacity-service', 'gateway'] as const;
export type ProfiledService = (typeof PROFILABLE)[number];

/**
 * Sets NODE_OPTIONS (and, with services to profile, the preload's variables); the stack's processes
 * are started after this and inherit the environment.
 */
export function enableBenchPreload(profile: ProfiledService[], dir: string): void {
  if (profile.length > 0) {
    mkdirSync(dir, { recursive: true });
    process.env.BENCH_PROFILE_DIR = dir;
    process.env.BENCH_PROFILE_SERVICE = profile.join(',');
  }
  process.env.NODE_OPTIONS = [
    process.env.NODE_OPTIONS ?? '',
    '--require @swc-node/register',
    `--require ${path.join(__dirname, 'preload.ts')}`,
  ]
    .join(' ')
    .trim();
}

/** The process listening on a loopback port (Linux `ss`), or null. */
export function pidOnPort(port: number): number | null {
  const out = spawnSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' }).stdout ?? '';
  const match = /pid=(\d+)/.exec(out);
  return match ? Number(match[1]) : null;
}

/** Asks the profiled process on `port` to write what it sampled so far. */
export function dumpProfile(port: number): boolean {
  const pid = pidOnPort(port);
  if (pid === null) return false;
  process.kill(pid, 'SIGWINCH');
  return true;
}

/** Asks the service on `port` for a full garbage collection (before a memory reading). */
export function collectGarbage(port: number): boolean {
  const pid = pidOnPort(port);
  if (pid === null) return false;
  process.kill(pid, 'SIGPWR');
  return true;
}
