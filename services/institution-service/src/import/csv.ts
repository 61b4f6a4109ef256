/** Reads one import file: UTF-8 CSV with a header row, `;` or `,` as separator (ARCHITECTURE.md §12). */
import { IMPORT_COLUMNS, type ImportFile, type ImportRefusalParams } from '@plass/contracts';
import { parse } from 'csv-parse/sync';

/** One data row: its line in the file (the header is line 1) and its cells by column name. */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

export type CsvFile =
  | { file: ImportFile; rows: CsvRow[]; headerProblem?: undefined }
  /**
   * A header that is not the file's: no row of it can be read, each is refused for it
   * (HEADER_MISSING_COLUMNS with these parameters).
   */
  | { file: ImportFile; rows: CsvRow[]; headerProblem: ImportRefusalParams };

/** The separator of the header line: whichever of `;` and `,` it has more of. */
export function separatorOf(text: string): ';' | ',' {
  const end = text.indexOf('\n');
  const header = end === -1 ? text : text.slice(0, end);
  const count = (c: string) => header.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

export function readCsv(file: ImportFile, content: Buffer | string): CsvFile {
  const text = typeof content === 'string' ? content : content.toString('utf8');
  const records = parse(text, {
    delimiter: separatorOf(text),
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const [head, ...body] = records;
  const expected: readonly string[] = IMPORT_COLUMNS[file];
  const header = head?.record ?? [];
  const rows = body.map(({ record, info }) => ({
    line: info.lines,
    values: Object.fromEntries(expected.map((column) => [column, record[header.indexOf(column)] ?? ''])),
  }));
  const missing = expected.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    return {
      file,
      rows,
      headerProblem: { file, missing: missing.join(', '), expected: expected.join(',') },
    };
  }
  return { file, rows };
}
