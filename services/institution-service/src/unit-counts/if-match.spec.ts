import { InstitutionException } from '../institution.exception';
import { parseIfMatch } from './if-match';

function codeOf(header: string | undefined): string | undefined {
  try {
    parseIfMatch(header);
    return undefined;
  } catch (error) {
    return error instanceof InstitutionException ? error.code : 'other';
  }
}

describe(parseIfMatch.name, () => {
  it('reads a bare or quoted (strong) sequence', () => {
    expect(parseIfMatch('42')).toBe(42);
    expect(parseIfMatch('"42"')).toBe(42);
    expect(parseIfMatch(' "3" ')).toBe(3);
  });

  it('refuses a weak ETag, which never matches in If-Match (412, RFC 9110 §13.1.1)', () => {
    for (const header of ['W/"7"', ' W/"7"', 'W/7']) {
      expect({ header, code: codeOf(header) }).toEqual({ header, code: 'WEAK_ETAG' });
    }
  });

  it('asks for the header when it is missing or empty (428)', () => {
    expect(codeOf(undefined)).toBe('IF_MATCH_REQUIRED');
    expect(codeOf('  ')).toBe('IF_MATCH_REQUIRED');
  });

  it('refuses anything that is not a sequence, including *', () => {
    for (const header of ['*', 'latest', '"4', '-1', '1.5', '"1", "2"']) {
      expect({ header, code: codeOf(header) }).toEqual({ header, code: 'INVALID_VALUE' });
    }
  });
});
