/**
 * The history import (issue 17, ARCHITECTURE.md §12, ADR 0217–0219): the CSV files' columns and row
 * rules, and the two routes that start an import and follow it. The service validates every row with
 * these schemas; the CLI and the dashboard read the same file names and the job's answer.
 */
import {
  BLOCK_REASONS,
  DISCHARGE_REASONS,
  DISTRICT_CODES,
  fromWallClockMs,
  PROVIDER_TYPES,
  SERVICE_CATEGORY_CODES,
} from '@plass/domain';
import { z } from 'zod';
import { freeText, MAX_NAME_LENGTH } from '../free-text';
import { IMPORT_REFUSAL_CODES } from './import-refusals';
import { BEARER_TOKEN_PROBLEMS, UNCODED } from './problem';
import { named, route } from './route';

const IMPORT_TAG = 'import';

// ---------------------------------------------------------------------------------------------------
// The files
// ---------------------------------------------------------------------------------------------------

/** The files of an import, by the multipart field (and file name without `.csv`) that carries each. */
export const IMPORT_FILES = ['units', 'capacity', 'stays', 'blocks'] as const;
export type ImportFile = (typeof IMPORT_FILES)[number];

/** Each file's header, in this order (ARCHITECTURE.md §12). */
export const IMPORT_COLUMNS = {
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
} as const satisfies Record<ImportFile, readonly string[]>;

/** The largest file the service takes in one import (100,000 stays are about 15 MB). */
export const MAX_IMPORT_FILE_BYTES = 64 * 1024 * 1024;

const LOCAL_OR_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An ISO 8601 date or date and time as the files write it: with `Z` or an offset it is that instant;
 * without, it is Oslo's wall clock (a date alone is its midnight). Null when it is not one.
 */
export function parseImportInstant(value: string): Date | null {
  const m = LOCAL_OR_OFFSET.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', ms = '0', zone] = m;
  const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Number(ms.padEnd(3, '0')));
  const check = new Date(wall);
  // Date.UTC rolls 2024-02-30 over to March: such a date is not a date.
  if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59) {
    return null;
  }
  if (!zone) return new Date(fromWallClockMs(wall));
  if (zone === 'Z') return check;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  return new Date(wall - offsetMs);
}

const uuid = (what: string) => z.uuid({ error: `${what} must be a UUID` });
const instant = (what: string) =>
  z.string().transform((value, ctx) => {
    const parsed = parseImportInstant(value);
    if (!parsed) {
      ctx.addIssue({
        code: 'custom',
        message: `${what} must be an ISO 8601 date and time (Europe/Oslo when it has no offset)`,
      });
      return z.NEVER;
    }
    return parsed;
  });
/** An empty cell is absent. */
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), schema.optional());
const whole = (what: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: `${what} must be a whole number` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `${what} must be at least ${min}` })
        .max(max, { error: `${what} must be at most ${max}` }),
    );
const oneOf = <T extends readonly [string, ...string[]]>(what: string, values: T) =>
  z.enum(values, { error: `${what} must be one of ${values.join(', ')}` });

/** Places a unit or a block may have (as the API's MAX_UNIT_PLACES). */
const MAX_PLACES = 1000;

export const importUnitRow = z.object({
  unitId: uuid('unitId'),
  institutionId: uuid('institutionId'),
  institutionName: freeText(MAX_NAME_LENGTH),
  providerType: oneOf('providerType', PROVIDER_TYPES),
  districtCode: oneOf('districtCode', DISTRICT_CODES),
  unitName: freeText(MAX_NAME_LENGTH),
  category: oneOf('category', SERVICE_CATEGORY_CODES),
  openedAt: instant('openedAt'),
});
export type ImportUnitRow = z.output<typeof importUnitRow>;

export const importCapacityRow = z.object({
  unitId: uuid('unitId'),
  from: instant('from'),
  capacity: whole('capacity', 0, MAX_PLACES),
});
export type ImportCapacityRow = z.output<typeof importCapacityRow>;

export const importStayRow = z
  .object({
    stayId: uuid('stayId'),
    unitId: uuid('unitId'),
    referringDistrictCode: oneOf('referringDistrictCode', DISTRICT_CODES),
    admittedAt: instant('admittedAt'),
    dischargedAt: optional(instant('dischargedAt')),
    dischargeReason: optional(oneOf('dischargeReason', DISCHARGE_REASONS)),
    plannedDischargeDate: optional(z.iso.date({ error: 'plannedDischargeDate must be a date YYYY-MM-DD' })),
  })
  .refine((s) => (s.dischargedAt === undefined) === (s.dischargeReason === undefined), {
    path: ['dischargeReason'],
    message:
      'dischargedAt and dischargeReason go together: both for a discharged stay, neither for an open one',
  })
  .refine((s) => !s.dischargedAt || s.dischargedAt.getTime() >= s.admittedAt.getTime(), {
    path: ['dischargedAt'],
    message: 'dischargedAt is before admittedAt',
  });
export type ImportStayRow = z.output<typeof importStayRow>;

export const importBlockRow = z
  .object({
    blockId: uuid('blockId'),
    unitId: uuid('unitId'),
    places: whole('places', 1, MAX_PLACES),
    reason: oneOf('reason', BLOCK_REASONS),
    from: instant('from'),
    to: optional(instant('to')),
  })
  .refine((b) => !b.to || b.to.getTime() > b.from.getTime(), {
    path: ['to'],
    message: 'to must be after from',
  });
export type ImportBlockRow = z.output<typeof importBlockRow>;

export const IMPORT_ROW_SCHEMAS = {
  units: importUnitRow,
  capacity: importCapacityRow,
  stays: importStayRow,
  blocks: importBlockRow,
} as const;

// ---------------------------------------------------------------------------------------------------
// The job
// ---------------------------------------------------------------------------------------------------

export const IMPORT_STATUSES = ['validating', 'applying', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** How many refused rows a job lists; `refusedTotal` counts them all. */
export const MAX_LISTED_REFUSALS = 1000;

const count = z.number().int().nonnegative();

export const ImportFileCounts = named(
  'ImportFileCounts',
  z.object({
    total: count.describe('Data rows in the file (the header not counted)'),
    applied: count.describe('Rows applied by this import'),
    unchanged: count.describe('Rows already there with the same values'),
    refused: count.describe('Rows refused; nothing of them was applied'),
  }),
);
export type ImportFileCountsDto = z.infer<typeof ImportFileCounts>;

export const ImportRefusal = named(
  'ImportRefusal',
  z.object({
    file: z.enum(IMPORT_FILES),
    line: z.number().int().min(1).describe('Line in the file, the header being line 1'),
    code: z
      .enum(IMPORT_REFUSAL_CODES)
      .describe('Why the row is refused, stable: a client shows its own text for it and `params`'),
    params: z
      .record(z.string(), z.string())
      .describe("The code's parameters as text: ids, field names, line numbers, ISO 8601 instants"),
    reason: z.string().describe('The English text of `code` and `params`'),
  }),
);
export type ImportRefusalDto = z.infer<typeof ImportRefusal>;

export const ImportJob = named(
  'ImportJob',
  z.object({
    id: z.uuid(),
    status: z.enum(IMPORT_STATUSES),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    rows: z.object({
      total: count,
      done: count.describe('Rows refused, found unchanged, or applied so far'),
    }),
    files: z.object({
      units: ImportFileCounts,
      capacity: ImportFileCounts,
      stays: ImportFileCounts,
      blocks: ImportFileCounts,
    }),
    refused: z.array(ImportRefusal).describe(`The first ${MAX_LISTED_REFUSALS} refused rows`),
    refusedTotal: count,
    error: z.string().nullable().describe('Why a failed job failed'),
  }),
);
export type ImportJobDto = z.infer<typeof ImportJob>;

/**
 * Starts an import. The body is `multipart/form-data` with the fields `units`, `capacity`, `stays`,
 * `blocks` (any subset, each a CSV file), which a zod schema of JSON cannot describe: the service
 * documents it beside the route.
 */
export const startImport = route({
  id: 'startImport',
  method: 'POST',
  path: '/api/institutions/import',
  summary: 'Import a history of units, capacity, stays and blocks from CSV files (admin)',
  tag: IMPORT_TAG,
  status: 202,
  response: named('ImportStarted', z.object({ id: z.uuid() })),
  problems: { 400: [UNCODED], 401: BEARER_TOKEN_PROBLEMS, 403: [], 413: [] },
});

export const getImport = route({
  id: 'getImport',
  method: 'GET',
  path: '/api/institutions/imports/:id',
  summary: "An import's status, counts and refused rows (admin)",
  tag: IMPORT_TAG,
  params: z.object({ id: z.uuid() }),
  status: 200,
  response: ImportJob,
  problems: { 400: [], 401: BEARER_TOKEN_PROBLEMS, 403: [], 404: [UNCODED] },
});
