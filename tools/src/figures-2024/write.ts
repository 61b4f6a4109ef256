/** Writes a generated year as the four CSV files of the import format (ARCHITECTURE §12). */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { IMPORT_COLUMNS } from '@plass/contracts';
import { FIGURES_2024 } from './figures';
import type { Constructed2024, GeneratedYear } from './generate';

/** The import's own headers: the generated files are what the import reads, by definition. */
const COLUMNS: Record<keyof GeneratedYear, readonly string[]> = IMPORT_COLUMNS;

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

/** The answers a test of the imported year compares with: the published figures and the constructed ones. */
export const EXPECTED_FILE = 'expected.json';
export interface Expected2024 {
  figures: typeof FIGURES_2024;
  constructed: Constructed2024;
}

/**
 * Writes units.csv, capacity.csv, stays.csv and blocks.csv into `folder` (created when missing), and
 * expected.json (not part of the import) with the answers they are built to give.
 */
export function writeYear(folder: string, year: GeneratedYear, constructed: Constructed2024): string[] {
  mkdirSync(folder, { recursive: true });
  const written = (Object.keys(COLUMNS) as (keyof GeneratedYear)[]).map((file) => {
    const target = path.join(folder, `${file}.csv`);
    writeFileSync(target, toCsv(file, year[file]));
    return target;
  });
  const expected: Expected2024 = { figures: FIGURES_2024, constructed };
  const target = path.join(folder, EXPECTED_FILE);
  writeFileSync(target, `${JSON.stringify(expected, null, 2)}\n`);
  return [...written, target];
}
