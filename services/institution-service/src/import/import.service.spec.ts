import type { Logger } from '@plass/observability';
import type { UnitPlan } from './import-plan';
import type { ImportRepository, JobRow } from './import.repository';
import { chunksOf, ImportService, STALE_AFTER_MS } from './import.service';

const unit = (unitId: string, stays: number): UnitPlan => ({
  unitId,
  capacity: [],
  blocks: [],
  stays: Array.from({ length: stays }, () => ({}) as UnitPlan['stays'][number]),
});

describe(chunksOf.name, () => {
  it('keeps units whole in runs of about the chunk size, a larger unit alone', () => {
    const chunks = chunksOf([unit('a', 3), unit('b', 3), unit('c', 9), unit('d', 1), unit('e', 2)], 6);
    expect(chunks.map((c) => c.map((u) => u.unitId))).toEqual([['a', 'b'], ['c'], ['d', 'e']]);
  });
});

describe(ImportService.name, () => {
  const counts = { total: 0, applied: 0, unchanged: 0, refused: 0 };
  const row = (status: JobRow['status'], updatedAt: Date): JobRow => ({
    id: '00000000-0000-4000-8000-000000000001',
    status,
    created_at: new Date('2026-12-01T00:00:00Z'),
    updated_at: updatedAt,
    finished_at: null,
    rows_total: 10,
    rows_done: 4,
    files: { units: counts, capacity: counts, stays: counts, blocks: counts },
    refused: [],
    refused_total: 0,
    error: null,
  });
  const serviceWith = (job: JobRow) =>
    new ImportService({ findJob: () => Promise.resolve(job) } as unknown as ImportRepository, {} as Logger);
  const now = new Date('2026-12-01T12:00:00Z');

  it('answers a running job as it stands while it keeps writing its row', async () => {
    const job = await serviceWith(row('applying', new Date(now.getTime() - 5_000))).get('x', now);
    expect(job).toMatchObject({ status: 'applying', rows: { total: 10, done: 4 }, error: null });
  });

  it('answers a job that stopped writing its row as failed, with what to do', async () => {
    const job = await serviceWith(row('applying', new Date(now.getTime() - STALE_AFTER_MS - 1))).get(
      'x',
      now,
    );
    expect(job?.status).toBe('failed');
    expect(job?.error).toContain('import the same files again');
  });
});
