/**
 * Loads the generated 2024 year into a running stack through the gateway as an admin, with the same
 * client as `npm run import` (ADR 0220): `npm start -- --figures-2024` and `npm run seed -- --reset
 * --figures-2024`. The year is the history of the VEL institutions under their real names, so it takes the
 * place of the demo institutions (which carry the same names) rather than standing beside them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signDevToken } from '@plass/auth';
import { listInstitutions } from '@plass/contracts';
import { contractApi, PreflightError } from '@plass/testing';
import { importFolder } from '../import/import-client';
import { generate2024 } from './generate';
import { writeYear } from './write';

export async function importFigures2024(gatewayUrl: string, progress: (m: string) => void): Promise<string> {
  const token = await signDevToken({
    roles: ['admin'],
    institutionIds: [],
    districtCode: null,
    sub: 'figures-2024',
  });
  const { year, constructed } = generate2024();
  const ours = new Set(year.units.map((u) => u.institutionId));
  const others = (await contractApi(gatewayUrl, token).call(listInstitutions, {})).filter(
    (i) => !ours.has(i.id),
  );
  if (others.length > 0) {
    throw new PreflightError(
      `--figures-2024: this stack already has ${others.length} other institutions (the demo data?), and the ` +
        'generated 2024 year is the history of the same institutions under the same names.\n' +
        'Stop Plassoversikt and load the year in place of the demo institutions: ' +
        '`npm run seed -- --reset --figures-2024`, then `npm start -- --figures-2024`.',
    );
  }
  const folder = mkdtempSync(path.join(os.tmpdir(), 'plass-figures-2024-'));
  try {
    writeYear(folder, year, constructed);
    let shown = -1;
    const job = await importFolder(folder, {
      gatewayUrl,
      token,
      onProgress: (j) => {
        const percent = j.rows.total > 0 ? Math.floor((100 * j.rows.done) / j.rows.total) : 0;
        if (percent >= shown + 10 || j.status === 'done') {
          shown = percent;
          progress(`2024 import: ${j.status}, ${j.rows.done} of ${j.rows.total} rows (${percent} %)`);
        }
      },
    });
    if (job.status !== 'done' || job.refusedTotal > 0) {
      const first = job.refused
        .slice(0, 3)
        .map((r) => `${r.file}.csv:${r.line} ${r.reason}`)
        .join('; ');
      throw new PreflightError(
        `the 2024 import ended ${job.status} with ${job.refusedTotal} refused rows` +
          `${job.error ? `: ${job.error}` : ''}${first ? ` (${first})` : ''}`,
      );
    }
    const unchanged = Object.values(job.files).every((f) => f.applied === 0);
    return unchanged
      ? `the 2024 year is already loaded: ${year.units.length} units, ${year.stays.length} stays (Styringsdata → «Året 2024»)`
      : `2024 imported in place of the demo institutions: ${year.units.length} units, ${year.stays.length} stays, ${year.blocks.length} blocks (Styringsdata → «Året 2024»)`;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
