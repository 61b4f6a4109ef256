/** The census precondition: the unit sequence the reported numbers are based on. */
import { InstitutionException } from '../institution.exception';

/**
 * `If-Match: "42"` (the ETag the API sends) or the bare `42` of the contract → 42. A missing header is
 * 428, a malformed one 400. A weak validator (`W/"42"`) is 412: If-Match compares strongly, and a weak
 * entity tag never matches (RFC 9110 §13.1.1), so the precondition is false whatever the sequence.
 */
export function parseIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new InstitutionException(
      'IF_MATCH_REQUIRED',
      'a census needs the header If-Match: <sequence> with the unit sequence your numbers are based on; ' +
        'read it with GET /api/units/{unitId}',
    );
  }
  if (/^\s*W\//.test(header)) {
    throw new InstitutionException(
      'WEAK_ETAG',
      `If-Match ${JSON.stringify(header.trim())} is a weak ETag, which never matches (RFC 9110 §13.1.1); ` +
        'send the strong ETag of GET /api/units/{unitId}, like If-Match: "42"',
    );
  }
  const match = /^\s*(?:"(\d{1,15})"|(\d{1,15}))\s*$/.exec(header);
  if (!match) {
    throw new InstitutionException(
      'INVALID_VALUE',
      `If-Match must be the unit's sequence, like If-Match: "42"; got ${JSON.stringify(header)}`,
    );
  }
  return Number(match[1] ?? match[2]);
}
