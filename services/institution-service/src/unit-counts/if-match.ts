/** The census precondition: the unit sequence the reported numbers are based on. */
import { InstitutionException } from '../institution.exception';

/** `If-Match: 42`, `"42"` or `W/"42"` → 42; a missing header is 428, a malformed one 400. */
export function parseIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new InstitutionException(
      'IF_MATCH_REQUIRED',
      'a census needs the header If-Match: <sequence> with the unit sequence your numbers are based on; ' +
        'read it with GET /api/units/{unitId}',
    );
  }
  const match = /^\s*(?:W\/)?(?:"(\d{1,15})"|(\d{1,15}))\s*$/.exec(header);
  if (!match) {
    throw new InstitutionException(
      'INVALID_VALUE',
      `If-Match must be the unit's sequence, like If-Match: "42"; got ${JSON.stringify(header)}`,
    );
  }
  return Number(match[1] ?? match[2]);
}
