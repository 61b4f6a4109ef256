/** Writes a generated year as the four CSV files of the import format (ARCHITECTURE §12). */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GeneratedYear } from './generate';

const COLUMNS = {
  units: [
    'unitId',
    'institutionId',
    'institutionName',
    'providerType',
    'districtCode',
    'unitName',
    'category',
    'openedAt',
  ],
  capacity: ['unitId', 'from', 'capacity'],
  stays: [
    'stayId',
    'unitId',
    'referringDistrictCode',
    'admittedAt',
    'dischargedAt',
    'dischargeReason',
    'plannedDischargeDate',
  ],
  blocks: ['blockId', 'unitId', 'places', 'reason', 'from', 'to'],
} as const satisfies Record<keyof GeneratedYear, readonly string[]>;

/** A cell quoted only when it needs it (names hold no commas today, but the format allows them). */
function cell(value: unknown): string {
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<K extends keyof GeneratedYear>(file: K, rows: GeneratedYear[K]): string {
  const columns = COLUMNS[file];
  const lines = (rows as readonly object[] as readonly Record<string, unknown>[]).map((row) =>
    columns.map((c) => cell(row[c])).join(','),
  );
  return `${[columns.join(','), ...lines].join('\n')}\n`;
}

/** Writes units.csv, capacity.csv, stays.csv and blocks.csv into `folder` (created when missing). */
export function writeYear(folder: string, year: GeneratedYear): string[] {
  mkdirSync(folder, { recursive: true });
  return (Object.keys(COLUMNS) as (keyof GeneratedYear)[]).map((file) => {
    const target = path.join(folder, `${file}.csv`);
    writeFileSync(target, toCsv(file, year[file]));
    return target;
  });
}
