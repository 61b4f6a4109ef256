/**
 * Why an import row is refused (issue 17, ADR 0217): a stable code with its parameters, and the text of
 * each code in English (the API's `reason` and the CLI, as problem details) and in bokmål (the
 * dashboard). The service sends `code`, `params` and the English `reason`; a client that shows the row
 * to people makes its text from `code` and `params` in its own language.
 */

/**
 * A refusal's parameters, as text: ids, field names, line numbers, ISO 8601 instants. Never a cell's free
 * text.
 */
export type ImportRefusalParams = Readonly<Record<string, string>>;

type Text = (p: ImportRefusalParams) => string;

const text = (p: ImportRefusalParams, name: string) => p[name] ?? '?';

/** Every code with its English (`en`) and bokmål (`nb`) text. */
export const IMPORT_REFUSALS = {
  /** The file's header lacks columns: every row of the file is refused. */
  HEADER_MISSING_COLUMNS: {
    en: (p) =>
      `the header of ${text(p, 'file')}.csv lacks ${text(p, 'missing')}; it must be ${text(p, 'expected')}`,
    nb: (p) =>
      `Overskriftsraden i ${text(p, 'file')}.csv mangler ${text(p, 'missing')}; den må være ${text(p, 'expected')}`,
  },
  /** A cell breaks the file's row schema; `field` is the column, `detail` the schema's English message. */
  INVALID_VALUE: {
    en: (p) => {
      const detail = text(p, 'detail');
      const field = p.field ?? '';
      return field && !detail.startsWith(field) ? `${field}: ${detail}` : detail;
    },
    nb: (p) => (p.field ? `Ugyldig verdi i feltet ${text(p, 'field')}` : 'Ugyldig verdi'),
  },
  /** The same id (`field` unitId, stayId or blockId) is on an earlier line of the file. */
  DUPLICATE_ID: {
    en: (p) => `${text(p, 'field')} ${text(p, 'id')} is on line ${text(p, 'line')} already`,
    nb: (p) => `${text(p, 'field')} ${text(p, 'id')} står allerede på linje ${text(p, 'line')}`,
  },
  IN_FUTURE: {
    en: (p) => `${text(p, 'field')} ${text(p, 'at')} is in the future; only history is imported`,
    nb: (p) => `${text(p, 'field')} ${text(p, 'at')} er fram i tid; bare historikk importeres`,
  },
  BEFORE_UNIT_OPENED: {
    en: (p) =>
      `${text(p, 'field')} ${text(p, 'at')} is before unit ${text(p, 'unitId')} opened (${text(p, 'openedAt')})`,
    nb: (p) =>
      `${text(p, 'field')} ${text(p, 'at')} er før enhet ${text(p, 'unitId')} åpnet (${text(p, 'openedAt')})`,
  },
  AFTER_UNIT_CLOSED: {
    en: (p) =>
      `${text(p, 'field')} ${text(p, 'at')} is after unit ${text(p, 'unitId')} closed (${text(p, 'closedAt')})`,
    nb: (p) =>
      `${text(p, 'field')} ${text(p, 'at')} er etter at enhet ${text(p, 'unitId')} ble stengt (${text(p, 'closedAt')})`,
  },
  INSTITUTION_EXISTS_DIFFERENT: {
    en: (p) =>
      `institution ${text(p, 'institutionId')} exists with another name, providerType or districtCode`,
    nb: (p) =>
      `Institusjon ${text(p, 'institutionId')} finnes allerede med et annet navn, providerType eller districtCode`,
  },
  INSTITUTION_ON_LINE_DIFFERENT: {
    en: (p) =>
      `institution ${text(p, 'institutionId')} is on line ${text(p, 'line')} with another name, providerType or districtCode`,
    nb: (p) =>
      `Institusjon ${text(p, 'institutionId')} står på linje ${text(p, 'line')} med et annet navn, providerType eller districtCode`,
  },
  INSTITUTION_NAME_TAKEN: {
    en: (p) =>
      `another institution (${text(p, 'holderId')}) already has the name of institution ${text(p, 'institutionId')}`,
    nb: (p) =>
      `En annen institusjon (${text(p, 'holderId')}) har allerede navnet til institusjon ${text(p, 'institutionId')}`,
  },
  UNIT_EXISTS_DIFFERENT: {
    en: (p) => `unit ${text(p, 'unitId')} exists with other values`,
    nb: (p) => `Enhet ${text(p, 'unitId')} finnes allerede med andre verdier`,
  },
  UNIT_NAME_TAKEN: {
    en: (p) =>
      `another open unit (${text(p, 'holderId')}) of institution ${text(p, 'institutionId')} has the name of unit ${text(p, 'unitId')}`,
    nb: (p) =>
      `En annen åpen enhet (${text(p, 'holderId')}) i institusjon ${text(p, 'institutionId')} har navnet til enhet ${text(p, 'unitId')}`,
  },
  /** The row's unit was refused in units.csv (on `line`). */
  UNIT_REFUSED: {
    en: (p) => `unit ${text(p, 'unitId')} was refused (units.csv line ${text(p, 'line')})`,
    nb: (p) => `Enhet ${text(p, 'unitId')} ble avvist (units.csv linje ${text(p, 'line')})`,
  },
  UNIT_UNKNOWN: {
    en: (p) => `unit ${text(p, 'unitId')} is neither in units.csv nor registered`,
    nb: (p) => `Enhet ${text(p, 'unitId')} finnes verken i units.csv eller blant de registrerte enhetene`,
  },
  CAPACITY_DUPLICATE: {
    en: (p) =>
      `unit ${text(p, 'unitId')} has a capacity from ${text(p, 'from')} on line ${text(p, 'line')} already`,
    nb: (p) =>
      `Enhet ${text(p, 'unitId')} har allerede en kapasitet fra ${text(p, 'from')} på linje ${text(p, 'line')}`,
  },
  CAPACITY_EXISTS_DIFFERENT: {
    en: (p) => `unit ${text(p, 'unitId')} has another capacity recorded from ${text(p, 'from')}`,
    nb: (p) => `Enhet ${text(p, 'unitId')} har en annen kapasitet registrert fra ${text(p, 'from')}`,
  },
  CAPACITY_NOT_AFTER_LAST: {
    en: (p) =>
      `from ${text(p, 'from')} is not after unit ${text(p, 'unitId')}'s last recorded capacity change (${text(p, 'lastAt')})`,
    nb: (p) =>
      `from ${text(p, 'from')} er ikke etter siste registrerte kapasitetsendring for enhet ${text(p, 'unitId')} (${text(p, 'lastAt')})`,
  },
  STAY_OPEN_UNIT_CLOSED: {
    en: (p) => `stay ${text(p, 'stayId')} is open, but unit ${text(p, 'unitId')} is closed`,
    nb: (p) => `Opphold ${text(p, 'stayId')} er åpent, men enhet ${text(p, 'unitId')} er stengt`,
  },
  STAY_EXISTS_DIFFERENT: {
    en: (p) => `stay ${text(p, 'stayId')} exists with other values`,
    nb: (p) => `Opphold ${text(p, 'stayId')} finnes allerede med andre verdier`,
  },
  BLOCK_BEYOND_CLOSING: {
    en: (p) => `block ${text(p, 'blockId')} lasts beyond the closing of unit ${text(p, 'unitId')}`,
    nb: (p) => `Sperring ${text(p, 'blockId')} varer lenger enn til enhet ${text(p, 'unitId')} ble stengt`,
  },
  BLOCK_EXISTS_DIFFERENT: {
    en: (p) => `block ${text(p, 'blockId')} exists with other values`,
    nb: (p) => `Sperring ${text(p, 'blockId')} finnes allerede med andre verdier`,
  },
} as const satisfies Record<string, { en: Text; nb: Text }>;

export type ImportRefusalCode = keyof typeof IMPORT_REFUSALS;
export const IMPORT_REFUSAL_CODES = Object.keys(IMPORT_REFUSALS) as [
  ImportRefusalCode,
  ...ImportRefusalCode[],
];
export type ImportRefusalLanguage = 'en' | 'nb';

/**
 * The text of a refusal. A code the catalogue does not know (a newer service than the client) has none:
 * `fallback` (the English reason) is returned as it is, else the code.
 */
export function importRefusalText(
  refusal: { code: string; params: ImportRefusalParams; reason?: string },
  language: ImportRefusalLanguage,
): string {
  const texts = (IMPORT_REFUSALS as Record<string, { en: Text; nb: Text } | undefined>)[refusal.code];
  if (!texts) return refusal.reason ?? refusal.code;
  return texts[language](refusal.params);
}
