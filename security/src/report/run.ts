/**
 * `npm run test:security`: every security test in one Jest run (security/jest.security.config.js), then
 * `npm audit`, then the "Security tests" section of docs/reliability.md, rewritten from what they said.
 * Exits non-zero when a test failed or a high or critical advisory is not explained.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import {
  checkPostgres,
  checkRedis,
  ensureKafka,
  PreflightError,
  stopKafka,
  WORKSPACE_ROOT,
} from '@plass/testing';
import { runAudit } from './audit';
import { AUDIT_EXPLANATIONS } from './audit-explanations';
import { summarizeJest, type JestJson } from './jest-results';
import { renderSection, replaceSection } from './section';

const JEST = path.join(WORKSPACE_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const CONFIG = path.join(WORKSPACE_ROOT, 'security', 'jest.security.config.js');
const RESULTS = path.join(WORKSPACE_ROOT, '.local', 'security', 'jest-results.json');
const REPORT = path.join(WORKSPACE_ROOT, 'docs', 'reliability.md');

/** The packages a request passes through, for a reader who has to check advisories by hand. */
const REQUEST_PATH = [
  'express',
  'body-parser',
  'http-proxy-middleware',
  'helmet',
  'express-rate-limit',
  'socket.io',
  'ws',
  'jose',
  'nestjs-zod',
  'zod',
  'typeorm',
  'pg',
  'kafkajs',
  'redis',
];

function installedVersions(): Record<string, string> {
  return Object.fromEntries(
    REQUEST_PATH.map((name) => {
      const file = path.join(WORKSPACE_ROOT, 'node_modules', name, 'package.json');
      const version = existsSync(file)
        ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
        : '–';
      return [name, version];
    }),
  );
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: WORKSPACE_ROOT,
      encoding: 'utf8',
    }).trim();
  } catch {
    return 'unknown';
  }
}

async function preflight(): Promise<boolean> {
  await checkPostgres(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432');
  await checkRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  return ensureKafka();
}

async function main(): Promise<number> {
  const started = Date.now();
  let startedKafka = false;
  try {
    startedKafka = await preflight();
  } catch (error) {
    if (error instanceof PreflightError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }

  mkdirSync(path.dirname(RESULTS), { recursive: true });
  let jestStatus: number;
  try {
    console.log('== Security tests');
    jestStatus =
      spawnSync(
        process.execPath,
        [JEST, '-c', CONFIG, '--runInBand', '--json', '--outputFile', RESULTS, ...process.argv.slice(2)],
        { cwd: WORKSPACE_ROOT, stdio: 'inherit' },
      ).status ?? 1;
  } finally {
    if (startedKafka && !process.env.KEEP_KAFKA) stopKafka();
  }
  if (!existsSync(RESULTS)) {
    console.error('Jest wrote no results; the report is left as it was.');
    return 1;
  }
  const jest = summarizeJest(JSON.parse(readFileSync(RESULTS, 'utf8')) as JestJson, WORKSPACE_ROOT);

  console.log('== npm audit');
  const audits = [
    runAudit('npm audit --omit=dev', ['--omit=dev'], WORKSPACE_ROOT, AUDIT_EXPLANATIONS),
    runAudit('npm audit', [], WORKSPACE_ROOT, AUDIT_EXPLANATIONS),
  ];
  const section = renderSection({
    finishedAt: new Date(),
    commit: commit(),
    durationMs: Date.now() - started,
    jest,
    audits,
    installed: installedVersions(),
  });
  // Read just before writing: the fault tests write their own section of the same file. Formatted as
  // `prettier --check .` in CI expects (tables padded).
  const page = replaceSection(readFileSync(REPORT, 'utf8'), section);
  writeFileSync(REPORT, await format(page, { ...(await resolveConfig(REPORT)), filepath: REPORT }));
  console.log(`\n${section}\n\nWritten to ${path.relative(WORKSPACE_ROOT, REPORT)}.`);

  const unexplained = audits
    .flatMap((a) => (a.ran ? a.serious : []))
    .filter((a) => a.explanation === undefined);
  if (unexplained.length > 0) {
    console.error(
      `${unexplained.length} high or critical advisories are not explained (security/src/report/audit-explanations.ts).`,
    );
  }
  return jestStatus === 0 && jest.success && unexplained.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
