import { IMPORT_REFUSAL_CODES, IMPORT_REFUSALS, importRefusalText } from './import-refusals';
import { ImportRefusal } from './import';

/** Parameters for every code: each text names all of the ones it uses. */
const PARAMS = {
  file: 'capacity',
  missing: 'unitId',
  expected: 'unitId,from,capacity',
  field: 'places',
  detail: 'places must be at least 1',
  id: 'id-1',
  line: '7',
  at: '2024-01-01T00:00:00.000Z',
  unitId: 'unit-1',
  openedAt: '2023-01-01T00:00:00.000Z',
  closedAt: '2024-06-01T00:00:00.000Z',
  institutionId: 'inst-1',
  holderId: 'holder-1',
  from: '2024-02-01T00:00:00.000Z',
  lastAt: '2024-03-01T00:00:00.000Z',
  stayId: 'stay-1',
  blockId: 'block-1',
};

describe('import refusal catalogue', () => {
  it.each(IMPORT_REFUSAL_CODES)('%s has an English and a bokmål text with its parameters', (code) => {
    const en = importRefusalText({ code, params: PARAMS }, 'en');
    const nb = importRefusalText({ code, params: PARAMS }, 'nb');
    expect(en.length).toBeGreaterThan(10);
    expect(nb.length).toBeGreaterThan(10);
    expect(nb).not.toBe(en);
    // No parameter is missing from what the text needs.
    expect(en).not.toContain('?');
    expect(nb).not.toContain('?');
  });

  it('lists every code of the catalogue, and the REST schema takes each', () => {
    expect([...IMPORT_REFUSAL_CODES].sort()).toEqual(Object.keys(IMPORT_REFUSALS).sort());
    for (const code of IMPORT_REFUSAL_CODES) {
      const refusal = { file: 'units', line: 2, code, params: PARAMS, reason: 'x' };
      expect(ImportRefusal.safeParse(refusal).success).toBe(true);
    }
    expect(
      ImportRefusal.safeParse({ file: 'units', line: 2, code: 'NOPE', params: {}, reason: 'x' }).success,
    ).toBe(false);
  });

  it('says an invalid value by its field in bokmål and keeps the schema message in English', () => {
    const params = { field: 'category', detail: 'category must be one of acute, …' };
    expect(importRefusalText({ code: 'INVALID_VALUE', params }, 'nb')).toBe(
      'Ugyldig verdi i feltet category',
    );
    expect(importRefusalText({ code: 'INVALID_VALUE', params }, 'en')).toBe(
      'category must be one of acute, …',
    );
    expect(importRefusalText({ code: 'INVALID_VALUE', params: { field: 'to', detail: 'bad' } }, 'en')).toBe(
      'to: bad',
    );
  });

  it('falls back to the reason for a code it does not know', () => {
    expect(importRefusalText({ code: 'NEWER', params: {}, reason: 'some reason' }, 'nb')).toBe('some reason');
  });
});
