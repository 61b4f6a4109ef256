import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportJobDto } from '@plass/contracts';
import { summaryOf } from './cli';
import { filesOf, importFolder, ImportClientError } from './import-client';

describe(filesOf.name, () => {
  it('says which folder is missing', () => {
    expect(() => filesOf('/no/such/folder')).toThrow(
      new ImportClientError('the folder /no/such/folder does not exist'),
    );
  });

  it('says when a folder has none of the four files, and takes any subset', () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-'));
    expect(() => filesOf(dir)).toThrow(/has none of units.csv, capacity.csv, stays.csv, blocks.csv/);
    writeFileSync(join(dir, 'stays.csv'), 'stayId\n');
    writeFileSync(join(dir, 'other.csv'), 'x\n');
    expect(Object.keys(filesOf(dir))).toEqual(['stays']);
  });
});

describe(importFolder.name, () => {
  it('says clearly that the stack does not answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-'));
    writeFileSync(join(dir, 'units.csv'), 'unitId\n');
    await expect(importFolder(dir, { gatewayUrl: 'http://127.0.0.1:9', token: 't' })).rejects.toThrow(
      /Plassoversikt does not answer at http:\/\/127.0.0.1:9/,
    );
  });
});

describe(summaryOf.name, () => {
  it('lists refused rows as file:line reason, then counts per file sent', () => {
    const counts = { total: 0, applied: 0, unchanged: 0, refused: 0 };
    const job: ImportJobDto = {
      id: '00000000-0000-4000-8000-000000000000',
      status: 'done',
      createdAt: '2026-12-01T00:00:00.000Z',
      updatedAt: '2026-12-01T00:00:00.000Z',
      finishedAt: '2026-12-01T00:00:00.000Z',
      rows: { total: 3, done: 3 },
      files: {
        units: counts,
        capacity: counts,
        blocks: counts,
        stays: { total: 3, applied: 1, unchanged: 0, refused: 2 },
      },
      refused: [
        {
          file: 'stays',
          line: 4,
          code: 'INVALID_VALUE',
          params: { field: 'dischargedAt', detail: 'dischargedAt is before admittedAt' },
          reason: 'dischargedAt is before admittedAt',
        },
      ],
      refusedTotal: 2,
      error: null,
    };
    expect(summaryOf(job)).toEqual([
      '  stays.csv:4  dischargedAt is before admittedAt',
      '  … and 1 more refused rows',
      '',
      'stays.csv           3 rows: 1 applied, 0 unchanged, 2 refused',
    ]);
  });
});
