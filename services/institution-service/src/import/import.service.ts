/**
 * Runs an import as a job (ADR 0218): the request stores the job and answers at once; the files are read,
 * validated and applied in the background, chunk by chunk, and the job row says how far it has come.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  IMPORT_FILES,
  MAX_LISTED_REFUSALS,
  type ImportFile,
  type ImportFileCountsDto,
  type ImportJobDto,
} from '@plass/contracts';
import { LOGGER, type Logger } from '@plass/observability';
import { readCsv, type CsvFile } from './csv';
import { planImport, rowsOf, type UnitPlan } from './import-plan';
import { ImportRepository, toJobDto } from './import.repository';

/** Rows applied in one transaction, at most (a unit with more goes alone): ADR 0219. */
export const CHUNK_ROWS = 5000;
/** How often a running job says it is alive; a job silent for STALE_AFTER_MS has stopped. */
const HEARTBEAT_MS = 10_000;
export const STALE_AFTER_MS = 60_000;

export type ImportFiles = Partial<Record<ImportFile, Buffer>>;

const emptyCounts = (): Record<ImportFile, ImportFileCountsDto> =>
  Object.fromEntries(
    IMPORT_FILES.map((f) => [f, { total: 0, applied: 0, unchanged: 0, refused: 0 }]),
  ) as Record<ImportFile, ImportFileCountsDto>;

/** Whole units in runs of about CHUNK_ROWS rows, in plan order. */
export function chunksOf(units: readonly UnitPlan[], maxRows = CHUNK_ROWS): UnitPlan[][] {
  const chunks: UnitPlan[][] = [];
  let current: UnitPlan[] = [];
  let rows = 0;
  for (const unit of units) {
    const n = Object.values(rowsOf(unit)).reduce((a, b) => a + b, 0);
    if (current.length && rows + n > maxRows) {
      chunks.push(current);
      current = [];
      rows = 0;
    }
    current.push(unit);
    rows += n;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

@Injectable()
export class ImportService implements OnApplicationShutdown {
  private readonly running = new Set<Promise<void>>();

  constructor(
    @Inject(ImportRepository) private readonly repository: ImportRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Stores the job and starts it; answers its id at once. */
  async start(files: ImportFiles, actor: string): Promise<{ id: string }> {
    const id = randomUUID();
    await this.repository.createJob(id, actor, emptyCounts());
    const run = this.run(id, files).finally(() => this.running.delete(run));
    this.running.add(run);
    return { id };
  }

  /** The job as stored; one that stopped answering (its instance ended) is reported failed. */
  async get(id: string, now = new Date()): Promise<ImportJobDto | null> {
    const row = await this.repository.findJob(id);
    if (!row) return null;
    const job = toJobDto(row);
    const active = job.status === 'validating' || job.status === 'applying';
    if (active && now.getTime() - row.updated_at.getTime() > STALE_AFTER_MS) {
      return {
        ...job,
        status: 'failed',
        error:
          'the import stopped before it was done (its service instance ended); import the same files again: ' +
          'what was applied is found unchanged',
      };
    }
    return job;
  }

  /** Lets running jobs end their current chunk's transaction before the connections close. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async run(id: string, files: ImportFiles): Promise<void> {
    const heartbeat = setInterval(() => {
      this.repository.updateJob(id, {}).catch((error: unknown) => {
        this.logger.warn({ err: error, importId: id }, 'import heartbeat not written');
      });
    }, HEARTBEAT_MS);
    heartbeat.unref();
    try {
      await this.repository.exclusively(() => this.validateAndApply(id, files));
    } catch (error) {
      this.logger.error({ err: error, importId: id }, 'import failed');
      await this.repository
        .updateJob(id, {
          status: 'failed',
          error: error instanceof Error ? error.message : 'unknown error',
          finished: true,
        })
        .catch((e: unknown) => this.logger.error({ err: e, importId: id }, 'import failure not recorded'));
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async validateAndApply(id: string, files: ImportFiles): Promise<void> {
    const started = Date.now();
    const now = new Date();
    const csv: CsvFile[] = IMPORT_FILES.flatMap((file) => {
      const content = files[file];
      return content ? [readCsv(file, content)] : [];
    });
    const idsOf = (file: ImportFile, column: string) =>
      (csv.find((f) => f.file === file)?.rows ?? [])
        .map((r) => r.values[column])
        .filter((v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v));
    const existing = await this.repository.loadExisting({
      stays: idsOf('stays', 'stayId'),
      blocks: idsOf('blocks', 'blockId'),
    });
    const plan = planImport(csv, existing, now);
    const validatedMs = Date.now() - started;
    const counts = plan.counts;
    const rowsTotal = IMPORT_FILES.reduce((n, f) => n + counts[f].total, 0);
    let rowsDone = IMPORT_FILES.reduce((n, f) => n + counts[f].refused + counts[f].unchanged, 0);
    await this.repository.updateJob(id, {
      status: 'applying',
      rowsTotal,
      rowsDone,
      files: counts,
      refused: plan.refusals.slice(0, MAX_LISTED_REFUSALS),
      refusedTotal: plan.refusals.length,
    });
    let events = 0;
    for (const chunk of chunksOf(plan.units)) {
      events += await this.repository.applyUnits(chunk, now);
      for (const unit of chunk) {
        const rows = rowsOf(unit);
        for (const file of IMPORT_FILES) {
          counts[file].applied += rows[file];
          rowsDone += rows[file];
        }
      }
      await this.repository.updateJob(id, { rowsDone, files: counts });
    }
    await this.repository.updateJob(id, { status: 'done', finished: true });
    this.logger.info(
      {
        importId: id,
        rowsTotal,
        refused: plan.refusals.length,
        events,
        validateMs: validatedMs,
        applyMs: Date.now() - started - validatedMs,
      },
      'import done',
    );
  }
}
