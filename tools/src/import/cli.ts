/**
 * `npm run import -- <folder>`: imports units.csv, capacity.csv, stays.csv and blocks.csv from the folder
 * into the running stack (ARCHITECTURE.md §12), with a progress bar, then lists the refused rows.
 * Exit code 0: everything applied or unchanged; 2: some rows refused; 1: the import failed.
 */
import { isProduction, signDevToken } from '@plass/auth';
import { IMPORT_FILES, type ImportJobDto } from '@plass/contracts';
import { SingleBar } from 'cli-progress';
import { localSettings } from '../settings';
import { importFolder, ImportClientError } from './import-client';

const USAGE = `Usage:
  npm run import -- <folder>    import units.csv, capacity.csv, stays.csv and blocks.csv from <folder>

Environment: GATEWAY_URL (default http://localhost:$GATEWAY_PORT, port 8080); TOKEN, an admin's bearer
token (default: one signed with the local development key, as npm run token -- --role admin).`;

async function adminToken(): Promise<string> {
  const fromEnv = process.env.TOKEN;
  if (fromEnv) return fromEnv;
  if (isProduction())
    throw new ImportClientError('set TOKEN to an admin token: no development token in production');
  return signDevToken({ sub: 'history-import', roles: ['admin'], institutionIds: [], districtCode: null });
}

export function summaryOf(job: ImportJobDto): string[] {
  const lines = job.refused.map((r) => `  ${r.file}.csv:${r.line}  ${r.reason}`);
  if (job.refusedTotal > job.refused.length) {
    lines.push(`  … and ${job.refusedTotal - job.refused.length} more refused rows`);
  }
  lines.push('');
  for (const file of IMPORT_FILES) {
    const c = job.files[file];
    if (c.total === 0) continue;
    lines.push(
      `${`${file}.csv`.padEnd(13)} ${String(c.total).padStart(7)} rows: ${c.applied} applied, ${c.unchanged} unchanged, ${c.refused} refused`,
    );
  }
  return lines;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length !== 1 || args[0] === '--help' || args[0] === '-h') {
    console.log(USAGE);
    return args.length === 1 ? 0 : 1;
  }
  const gatewayUrl = process.env.GATEWAY_URL ?? `http://localhost:${localSettings().ports.gateway}`;
  const bar = new SingleBar({
    format: '{phase} [{bar}] {percentage}% | {value}/{total} rows',
    hideCursor: true,
    clearOnComplete: false,
  });
  let barStarted = false;
  try {
    const job = await importFolder(args[0], {
      gatewayUrl,
      token: await adminToken(),
      onProgress: (j) => {
        if (j.status === 'validating') return;
        if (!barStarted) {
          bar.start(Math.max(j.rows.total, 1), j.rows.done, { phase: 'Importing' });
          barStarted = true;
        }
        bar.update(j.rows.done, { phase: j.status === 'applying' ? 'Importing' : j.status });
      },
    });
    if (barStarted) bar.stop();
    if (job.status === 'failed') {
      console.error(`The import failed: ${job.error ?? 'no reason given'}`);
      for (const line of summaryOf(job)) console.error(line);
      return 1;
    }
    if (job.refusedTotal > 0) console.log(`Refused rows (${job.refusedTotal}); nothing of them was applied:`);
    for (const line of summaryOf(job)) console.log(line);
    return job.refusedTotal > 0 ? 2 : 0;
  } catch (error) {
    if (barStarted) bar.stop();
    if (error instanceof ImportClientError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
