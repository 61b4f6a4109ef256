/**
 * `npm run bench -- --scenario import`: 100,000 generated stays over 200 units (ADR 0219) imported through
 * the gateway of a stack of its own: the time until the job is done, and until the capacity read model has
 * every imported unit at its final sequence. Prints the figures and writes bench/results/<date>-import.json.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { signDevToken } from '@plass/auth';
import {
  getImport,
  IMPORT_COLUMNS,
  IMPORT_FILES,
  listCapacityUnits,
  listInstitutions,
  routePath,
  startImport,
  type ImportFile,
  type ImportJobDto,
} from '@plass/contracts';
import { DISCHARGE_REASONS, DISTRICT_CODES, SERVICE_CATEGORY_CODES } from '@plass/domain';
import { ensureKafka, startTestStack, stopKafka, WORKSPACE_ROOT, type TestStack } from '@plass/testing';
import { loadAverage, log } from './progress';

export interface ImportBenchOptions {
  units: number;
  stays: number;
}

const DAY_MS = 86_400_000;

/** Deterministic pseudo-random numbers, so two runs import the same history. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The four files' text: units opened 2023-01-01, capacity changed mid-2024, stays through 2024, blocks. */
export function generateHistory(options: ImportBenchOptions): Record<ImportFile, string> {
  const rnd = random(17);
  const lines: Record<ImportFile, string[]> = {
    units: [IMPORT_COLUMNS.units.join(',')],
    capacity: [IMPORT_COLUMNS.capacity.join(',')],
    stays: [IMPORT_COLUMNS.stays.join(',')],
    blocks: [IMPORT_COLUMNS.blocks.join(',')],
  };
  const opened = Date.parse('2023-01-01T00:00:00Z');
  const start = Date.parse('2024-01-01T00:00:00Z');
  const end = Date.parse('2025-12-31T00:00:00Z');
  const staysPerUnit = Math.ceil(options.stays / options.units);
  let stays = 0;
  for (let u = 0; u < options.units; u++) {
    const unitId = randomUUID();
    const institution = Math.floor(u / 5);
    const institutionId = `00000000-0000-4000-8000-${String(institution).padStart(12, '0')}`;
    const district = DISTRICT_CODES[institution % 15];
    const category = SERVICE_CATEGORY_CODES[u % SERVICE_CATEGORY_CODES.length];
    lines.units.push(
      [
        unitId,
        institutionId,
        `Benkinstitusjon ${institution}`,
        'municipal',
        district,
        `Avdeling ${u}`,
        category,
        '2023-01-01T00:00:00Z',
      ].join(','),
    );
    const capacity = 8 + (u % 20);
    lines.capacity.push([unitId, '2023-01-01T00:00:00Z', capacity].join(','));
    lines.capacity.push([unitId, '2024-07-01T00:00:00Z', capacity + 2].join(','));
    const span = (end - start) / staysPerUnit;
    for (let s = 0; s < staysPerUnit && stays < options.stays; s++, stays++) {
      const admitted = start + s * span + rnd() * span * 0.5;
      const open = s >= staysPerUnit - 2;
      const discharged = admitted + (1 + rnd() * capacity) * span;
      lines.stays.push(
        [
          randomUUID(),
          unitId,
          DISTRICT_CODES[Math.floor(rnd() * 15)],
          new Date(admitted).toISOString(),
          open || discharged > Date.now() ? '' : new Date(discharged).toISOString(),
          open || discharged > Date.now()
            ? ''
            : DISCHARGE_REASONS[Math.floor(rnd() * DISCHARGE_REASONS.length)],
          '',
        ].join(','),
      );
    }
    const from = opened + Math.floor(rnd() * 600) * DAY_MS;
    lines.blocks.push(
      [
        randomUUID(),
        unitId,
        1,
        'maintenance',
        new Date(from).toISOString(),
        new Date(from + 3 * DAY_MS).toISOString(),
      ].join(','),
    );
  }
  return Object.fromEntries(IMPORT_FILES.map((f) => [f, `${lines[f].join('\n')}\n`])) as Record<
    ImportFile,
    string
  >;
}

export async function runImportBench(
  options: ImportBenchOptions = { units: 200, stays: 100_000 },
): Promise<number> {
  log('import', `generating ${options.stays} stays over ${options.units} units`);
  const files = generateHistory(options);
  const bytes = Object.values(files).reduce((n, text) => n + Buffer.byteLength(text), 0);
  process.env.RATE_LIMIT_WRITES_PER_MINUTE ??= '1000000';
  // The broker this run starts is stopped after it, as `npm run bench` does: a broker left running would be
  // found by the next `npm test` of another checkout, whose credentials it does not know.
  const startedKafka = ensureKafka();
  let stack: TestStack | null = null;
  try {
    stack = await startTestStack({ only: ['institution-service', 'capacity-service', 'gateway'] });
    const gateway = stack.urlOf('gateway');
    const token = await signDevToken({
      sub: 'bench-import',
      roles: ['admin'],
      institutionIds: [],
      districtCode: null,
    });
    const headers = { authorization: `Bearer ${token}` };
    const form = new FormData();
    for (const file of IMPORT_FILES)
      form.append(file, new Blob([files[file]], { type: 'text/csv' }), `${file}.csv`);

    log('import', `posting ${(bytes / 1e6).toFixed(1)} MB to ${startImport.path}`);
    const t0 = performance.now();
    const started = await fetch(new URL(startImport.path, gateway), { method: 'POST', headers, body: form });
    if (started.status !== 202)
      throw new Error(`import refused: HTTP ${started.status} ${await started.text()}`);
    const { id } = (await started.json()) as { id: string };
    let job: ImportJobDto;
    for (;;) {
      const answer = await fetch(new URL(routePath(getImport.path, { id }), gateway), { headers });
      job = (await answer.json()) as ImportJobDto;
      if (job.status === 'done' || job.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const jobDoneS = (performance.now() - t0) / 1000;
    if (job.status === 'failed') throw new Error(`import failed: ${job.error}`);
    log(
      'import',
      `job done in ${jobDoneS.toFixed(1)} s (${job.rows.total} rows, ${job.refusedTotal} refused)`,
    );

    const institutions = (await (
      await fetch(new URL(listInstitutions.path, gateway), { headers })
    ).json()) as {
      units: { id: string; sequence: number }[];
    }[];
    const expected = new Map(institutions.flatMap((i) => i.units.map((u) => [u.id, u.sequence] as const)));
    const events = [...expected.values()].reduce((n, s) => n + s, 0);
    const deadline = Date.now() + 600_000;
    let behind = expected.size;
    while (Date.now() < deadline) {
      const units = (await (await fetch(new URL(listCapacityUnits.path, gateway), { headers })).json()) as {
        id: string;
        sequence: number;
      }[];
      const seen = new Map(units.map((u) => [u.id, u.sequence]));
      behind = [...expected].filter(([unitId, sequence]) => seen.get(unitId) !== sequence).length;
      if (behind === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const readModelS = (performance.now() - t0) / 1000;
    log(
      'import',
      behind === 0
        ? `read model has them all after ${readModelS.toFixed(1)} s`
        : `${behind} units behind at the deadline`,
    );

    const result = {
      scenario: 'import',
      at: new Date().toISOString(),
      units: options.units,
      stays: options.stays,
      rows: job.rows.total,
      bytes,
      events,
      jobDoneSeconds: Number(jobDoneS.toFixed(2)),
      readModelSeconds: behind === 0 ? Number(readModelS.toFixed(2)) : null,
      unitsBehind: behind,
      loadAverage: loadAverage(),
    };
    const dir = path.join(WORKSPACE_ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${result.at.slice(0, 19).replaceAll(':', '')}-import.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    log('import', `results in ${path.relative(WORKSPACE_ROOT, file)}`);
    return behind === 0 ? 0 : 1;
  } finally {
    await stack?.dispose();
    if (startedKafka && !process.env.KEEP_KAFKA) stopKafka();
  }
}
