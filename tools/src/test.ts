/**
 * `npm test`: unit tests, then integration and end-to-end tests against real Kafka, PostgreSQL and
 * Redis. Starts the local Kafka broker if none runs (and stops it again afterwards).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import {
  checkPostgres,
  checkRedis,
  ensureKafka,
  PreflightError,
  stopKafka,
  WORKSPACE_ROOT,
} from '@plass/testing';
import { localSettings } from './settings';

const JEST = path.join(WORKSPACE_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');

function jest(config: string, extra: string[]): number {
  const result = spawnSync(process.execPath, [JEST, '-c', config, ...extra], {
    cwd: WORKSPACE_ROOT,
    stdio: 'inherit',
  });
  return result.status ?? 1;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const unitOnly = args.includes('--unit-only');
  const intOnly = args.includes('--int-only');
  const extra = args.filter((a) => a !== '--unit-only' && a !== '--int-only');

  let status = 0;
  if (!intOnly) {
    console.log('== Unit tests');
    status = jest('jest.config.js', extra);
    if (status !== 0) return status;
  }
  if (unitOnly) return status;

  console.log('== Integration and end-to-end tests (real Kafka, PostgreSQL, Redis)');
  const settings = localSettings();
  try {
    await checkPostgres(settings.databaseUrl);
    await checkRedis(settings.redisUrl);
  } catch (error) {
    if (error instanceof PreflightError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const startedKafka = ensureKafka();
  try {
    return jest('jest.int.config.js', ['--runInBand', ...extra]);
  } finally {
    if (startedKafka && !process.env.KEEP_KAFKA) stopKafka();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
