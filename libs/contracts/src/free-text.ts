/**
 * The one definition of "safe free text" (docs/decisions/0110): what a name or label may hold before it
 * reaches PostgreSQL, Kafka topics kept for ever and every dashboard. The REST contract's
 * schemas (`freeText()`), the event schemas and the CSV import use these predicates; nothing else
 * decides what free text is allowed.
 */
import { z } from 'zod';

/** Names of institutions and units: the event schema's limit, well below what a `text` column holds. */
export const MAX_NAME_LENGTH = 200;

/**
 * Characters no single-line text may hold: every C0 control (NUL, tab, line feeds…), DEL, every C1
 * control, the Unicode line and paragraph separators, and the bidirectional embedding, override and
 * isolate controls (text that displays differently from what it is). PostgreSQL refuses NUL outright.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** True when `value` holds a UTF-16 surrogate without its partner (not encodable as UTF-8). */
export function hasLoneSurrogate(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return true;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return true;
  }
  return false;
}

/** The first forbidden character of `value` as `U+XXXX`, or undefined. */
function forbiddenCharacter(value: string): string | undefined {
  const match = FORBIDDEN_CHARACTER.exec(value);
  if (!match) return undefined;
  return `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

const K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2, 1];
const K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const weighted = (digits: number[], weights: number[]) =>
  weights.reduce((sum, weight, i) => sum + weight * digits[i], 0) % 11;

/**
 * True when the six digits DDMMYY are the date part of a fødselsnummer, a D-nummer (day + 40), an
 * H-nummer (month + 40) or a synthetic test number of Skatteetaten's Tenor (month + 80). The year
 * is not known without the individual digits, so 29 February is always a date.
 */
export function isIdentityNumberDate(sixDigits: string): boolean {
  if (!/^\d{6}$/.test(sixDigits)) return false;
  let day = Number(sixDigits.slice(0, 2));
  let month = Number(sixDigits.slice(2, 4));
  if (day > 40) day -= 40;
  if (month > 80) month -= 80;
  else if (month > 40) month -= 40;
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1];
}

/**
 * True when `elevenDigits` is a Norwegian national identity number by its own rules: a date part
 * (fødselsnummer, D-nummer, H-nummer) and both modulo-11 control digits. The first control digit is
 * taken as valid for a remainder of 0–3, as for numbers issued from 2032 (0 is the rule before that):
 * a validator that keeps personal data out errs on the side of refusing.
 */
export function isNationalIdentityNumber(elevenDigits: string): boolean {
  if (!/^\d{11}$/.test(elevenDigits)) return false;
  if (!isIdentityNumberDate(elevenDigits.slice(0, 6))) return false;
  const digits = [...elevenDigits].map(Number);
  return weighted(digits, K1_WEIGHTS) <= 3 && weighted(digits, K2_WEIGHTS) === 0;
}

/**
 * Eleven digits not next to another digit, optionally written 6 + 5 with one space or dash between
 * (`010190 12345`, `010190-12345`).
 */
const ELEVEN_DIGITS = /(?<!\d)(\d{6})([ -]?)(\d{5})(?!\d)/g;

/**
 * Why `value` looks like it holds a national identity number, or undefined. Refused: any eleven-digit
 * run that passes the checks above; and the way people write one, six digits that form such a date, a
 * space or dash, five digits, even when the control digits fail (a mistyped number is still one).
 * Eleven digits in a row that fail the checks are left alone: account and reference numbers look so.
 */
export function identityNumberProblem(value: string): string | undefined {
  for (const match of value.matchAll(ELEVEN_DIGITS)) {
    const [, date, separator, individual] = match;
    if (isNationalIdentityNumber(date + individual)) {
      return 'must not contain a national identity number (fødselsnummer, D-nummer or H-nummer)';
    }
    if (separator !== '' && isIdentityNumberDate(date)) {
      return 'must not contain a number written like a national identity number (6 + 5 digits)';
    }
  }
  return undefined;
}

/** Why `value` may not be stored as single-line text at all (no length, no personal data), or undefined. */
export function plainTextProblem(value: string): string | undefined {
  const forbidden = forbiddenCharacter(value);
  if (forbidden) return `must not contain control characters (found ${forbidden})`;
  if (hasLoneSurrogate(value)) return 'must not contain an unpaired UTF-16 surrogate';
  return undefined;
}

export interface FreeTextRules {
  /** At most this many characters (UTF-16 code units, as zod counts). */
  maxLength: number;
  /** At least this many characters after trimming; 1 unless given. */
  minLength?: number;
}

/**
 * Why `value` is not acceptable free text (a name, a label), as a sentence without the field name,
 * or undefined when it is: a string, not blank, within the length, no control characters or lone
 * surrogates, and no national identity number.
 */
export function freeTextProblem(value: unknown, rules: FreeTextRules): string | undefined {
  const minLength = rules.minLength ?? 1;
  if (typeof value !== 'string') return 'must be text';
  if (value.trim().length < minLength) {
    return minLength === 1 ? 'must not be empty' : `must be at least ${minLength} characters`;
  }
  if (value.length > rules.maxLength) return `must be at most ${rules.maxLength} characters`;
  return plainTextProblem(value) ?? identityNumberProblem(value);
}

export function isFreeText(value: unknown, rules: FreeTextRules): value is string {
  return freeTextProblem(value, rules) === undefined;
}

/** The zod schema of a free-text field: the same rules, each refusal with its own message. */
export function freeText(maxLength: number = MAX_NAME_LENGTH) {
  return z.string().superRefine((value, ctx) => {
    const problem = freeTextProblem(value, { maxLength });
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** The zod schema of an identifier or other machine text: no control characters or lone surrogates. */
export function plainText(maxLength: number, minLength = 1) {
  return z
    .string()
    .min(minLength)
    .max(maxLength)
    .superRefine((value, ctx) => {
      const problem = plainTextProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}
