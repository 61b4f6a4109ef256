/**
 * Imports a folder of history CSV files through the gateway (ARCHITECTURE.md §12): posts the files to
 * `POST /api/institutions/import` and follows the job until it is done or failed. `npm run import` and
 * `npm start -- --figures-2024` call it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  getImport,
  IMPORT_FILES,
  routePath,
  startImport,
  type ImportFile,
  type ImportJobDto,
  type ProblemDetails,
} from '@plass/contracts';

export interface ImportFolderOptions {
  gatewayUrl: string;
  /** An admin's bearer token. */
  token: string;
  /** Called with the job each time it is read, until it is done or failed. */
  onProgress?: (job: ImportJobDto) => void;
  /** Between two reads of the job (default 250 ms). */
  pollMs?: number;
}

/** What went wrong before the job could say: a missing folder, an unreachable stack, a refused request. */
export class ImportClientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportClientError';
  }
}

/** The folder's import files by name (`units.csv` …); an error when the folder or all four are missing. */
export function filesOf(folder: string): Partial<Record<ImportFile, Buffer>> {
  const dir = resolve(folder);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ImportClientError(`the folder ${dir} does not exist`);
  }
  const files: Partial<Record<ImportFile, Buffer>> = {};
  for (const file of IMPORT_FILES) {
    const path = join(dir, `${file}.csv`);
    if (existsSync(path)) files[file] = readFileSync(path);
  }
  if (Object.keys(files).length === 0) {
    throw new ImportClientError(
      `the folder ${dir} has none of ${IMPORT_FILES.map((f) => `${f}.csv`).join(', ')}`,
    );
  }
  return files;
}

async function call(url: URL, init: RequestInit, gatewayUrl: string): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new ImportClientError(
      `Plassoversikt does not answer at ${gatewayUrl}${cause}. Start it with \`npm start\`, or set GATEWAY_URL.`,
    );
  }
}

async function problemOf(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const problem = JSON.parse(text) as Partial<ProblemDetails>;
    return problem.detail ?? problem.title ?? text;
  } catch {
    return text.slice(0, 300);
  }
}

export async function importFolder(folder: string, options: ImportFolderOptions): Promise<ImportJobDto> {
  const files = filesOf(folder);
  const form = new FormData();
  for (const [file, content] of Object.entries(files)) {
    form.append(file, new Blob([content], { type: 'text/csv' }), `${file}.csv`);
  }
  const headers = { authorization: `Bearer ${options.token}` };
  const started = await call(
    new URL(startImport.path, options.gatewayUrl),
    { method: startImport.method, headers, body: form },
    options.gatewayUrl,
  );
  if (started.status !== startImport.status) {
    throw new ImportClientError(
      `the import was refused (HTTP ${started.status}): ${await problemOf(started)}`,
    );
  }
  const { id } = (await started.json()) as { id: string };
  const pollMs = options.pollMs ?? 250;
  for (;;) {
    const answer = await call(
      new URL(routePath(getImport.path, { id }), options.gatewayUrl),
      { headers },
      options.gatewayUrl,
    );
    if (answer.status !== 200) {
      throw new ImportClientError(
        `import ${id} could not be read (HTTP ${answer.status}): ${await problemOf(answer)}`,
      );
    }
    const job = (await answer.json()) as ImportJobDto;
    options.onProgress?.(job);
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
