import fc from 'fast-check';
import {
  freeText,
  freeTextProblem,
  hasLoneSurrogate,
  identityNumberProblem,
  isIdentityNumberDate,
  isNationalIdentityNumber,
  plainText,
} from './free-text';

/** Builds a number with both control digits by the rule before 2032; null when a digit would be 10. */
function withControlDigits(nineDigits: string): string | null {
  const d = [...nineDigits].map(Number);
  const control = (weights: number[]) => {
    const k = 11 - (weights.reduce((sum, w, i) => sum + w * d[i], 0) % 11);
    return k === 11 ? 0 : k;
  };
  const k1 = control([3, 7, 6, 1, 8, 9, 4, 5, 2]);
  if (k1 === 10) return null;
  d.push(k1);
  const k2 = control([5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
  if (k2 === 10) return null;
  return `${nineDigits}${k1}${k2}`;
}

const rules = { maxLength: 200 };

// Synthetic numbers computed with withControlDigits (and checked by hand against the weights).
const FNR = '01019012480'; // 1 January 1990
const FNR_LEAP = '29020050088'; // 29 February 2000
const D_NUMBER = '41019012393'; // day + 40
const H_NUMBER = '01459012342'; // month + 40
const TENOR = '01819012365'; // Skatteetaten's synthetic test numbers: month + 80

describe(isNationalIdentityNumber.name, () => {
  it.each([FNR, FNR_LEAP, D_NUMBER, H_NUMBER, TENOR, '31129949980', '15057033301'])(
    'knows %s as an identity number',
    (n) => expect(isNationalIdentityNumber(n)).toBe(true),
  );

  it.each([
    ['a wrong second control digit', '01019012481'],
    ['a wrong first control digit', '01019012590'],
    ['no date: month 13', withControlDigits('011390124')],
    ['no date: 31 April', withControlDigits('310490124')],
    ['no date: day 0', withControlDigits('000190124')],
    ['ten digits', '0101901248'],
    ['letters', '0101901248a'],
  ])('refuses %s', (_, n) => expect(isNationalIdentityNumber(String(n))).toBe(false));

  it('knows every number with a valid date and both control digits', () => {
    const date = fc
      .record({ day: fc.integer({ min: 1, max: 28 }), month: fc.integer({ min: 1, max: 12 }) })
      .chain(({ day, month }) =>
        fc.constantFrom([day, month], [day + 40, month], [day, month + 40], [day, month + 80]),
      );
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(date, fc.nat({ max: 99 }), fc.nat({ max: 999 }), ([day, month], year, individual) => {
        const number = withControlDigits(
          `${two(day)}${two(month)}${two(year)}${String(individual).padStart(3, '0')}`,
        );
        fc.pre(number !== null);
        expect(isNationalIdentityNumber(String(number))).toBe(true);
        expect(freeTextProblem(`Avdeling ${String(number)}`, rules)).toMatch(/national identity number/);
      }),
      { numRuns: 300 },
    );
  });
});

describe(isIdentityNumberDate.name, () => {
  it.each(['010190', '290200', '410190', '014590', '018190', '311299'])('takes %s as a date', (d) =>
    expect(isIdentityNumberDate(d)).toBe(true),
  );
  it.each(['000190', '320190', '011390', '300290', '310490', '720190', '015390', '019390'])(
    'takes %s as no date',
    (d) => expect(isIdentityNumberDate(d)).toBe(false),
  );
});

describe(identityNumberProblem.name, () => {
  it.each([
    ['alone', FNR],
    ['in a name', `Avdeling ${FNR} Kari`],
    ['with a space between date and individual digits', '010190 12480'],
    ['with a dash', 'Beboer 010190-12480'],
    ['next to letters', `rom${FNR}b`],
    ['a D-number', `D ${D_NUMBER}`],
    ['an H-number', `H ${H_NUMBER}`],
    ['written 6 + 5 with failing control digits', 'Kari 010190 12345'],
    ['written 6-5 with failing control digits', '010190-12345'],
  ])('refuses an identity number %s', (_, text) => {
    expect(identityNumberProblem(text)).toBeDefined();
  });

  it.each([
    ['a name', 'Prindsen mottakssenter'],
    ['an organisation number', 'Stiftelsen 987654321'],
    ['an organisation number with spaces', 'Org.nr. 987 654 321'],
    ['a phone number with country code', 'Vakttelefon +47 22 33 44 55'],
    ['a phone number with 00 prefix', 'Tlf 004722334455'],
    ['a phone number run of ten digits', '+4791234567'],
    ['a date', 'Åpnet 2024-01-01'],
    ['a Norwegian date', 'Fra 01.01.1990'],
    ['eleven digits failing the checks', 'Konto 12345678901'],
    ['eleven digits with a valid date failing the checks', 'Ref 01019012345'],
    ['a bank account number as written', '1503.12.34567'],
    ['twelve digits', '010190124800'],
    ['6 + 5 digits that are no date', '991390 12345'],
    ['a street number', 'Storgata 5, 0155 Oslo'],
  ])('accepts %s', (_, text) => {
    expect(identityNumberProblem(text)).toBeUndefined();
  });
});

describe(freeTextProblem.name, () => {
  it.each([
    ['NUL', 'Avdeling\u0000 1'],
    ['a tab', 'Avdeling\t1'],
    ['a line feed', 'Avdeling\n1'],
    ['DEL', 'Avdeling\u007f'],
    ['a C1 control', 'Avdeling\u0085'],
    ['a line separator', 'Avdeling\u20281'],
    ['a bidi override', 'Avdeling \u202egnileda'],
    ['a lone high surrogate', 'Avdeling \ud83d'],
    ['a lone low surrogate', 'Avdeling \ude00 1'],
  ])('refuses %s', (_, text) => {
    expect(freeTextProblem(text, rules)).toMatch(/control characters|surrogate/);
  });

  it('refuses text over the length, empty and blank text, and what is not text', () => {
    expect(freeTextProblem('a'.repeat(201), rules)).toBe('must be at most 200 characters');
    expect(freeTextProblem('', rules)).toBe('must not be empty');
    expect(freeTextProblem('   ', rules)).toBe('must not be empty');
    expect(freeTextProblem(42, rules)).toBe('must be text');
  });

  it('accepts Norwegian names, emoji and text at the limit', () => {
    expect(freeTextProblem('Ærlige Øystein på Åsen', rules)).toBeUndefined();
    expect(freeTextProblem('Avdeling 🏠 sør', rules)).toBeUndefined();
    expect(freeTextProblem('a'.repeat(200), rules)).toBeUndefined();
  });

  it('accepts any printable text without digits', () => {
    const printable = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 50 })
      .filter((s) => s.trim().length > 0 && !/[\d\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u.test(s));
    fc.assert(fc.property(printable, (s) => expect(freeTextProblem(s, rules)).toBeUndefined()));
  });

  it('refuses any text with a control character, wherever it stands', () => {
    const control = fc.integer({ min: 0, max: 0x9f }).filter((c) => c < 0x20 || c >= 0x7f);
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), control, fc.string({ maxLength: 20 }), (a, c, b) => {
        expect(freeTextProblem(`x${a}${String.fromCharCode(c)}${b}`, rules)).toBeDefined();
      }),
    );
  });
});

describe(hasLoneSurrogate.name, () => {
  it('tells a pair from a lone half', () => {
    expect(hasLoneSurrogate('🏠')).toBe(false);
    expect(hasLoneSurrogate('🏠'.slice(0, 1))).toBe(true);
    expect(hasLoneSurrogate('🏠'.slice(1))).toBe(true);
    expect(hasLoneSurrogate('\udc00\ud800')).toBe(true);
  });
});

describe('zod schemas', () => {
  it('freeText refuses with the predicate message', () => {
    const result = freeText(10).safeParse(`x\u0000`);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(/control characters \(found U\+0000\)/);
    expect(freeText(10).safeParse('Avdeling 1').success).toBe(true);
    expect(freeText(10).safeParse('Avdeling 10').success).toBe(false);
  });

  it('plainText refuses control characters but not digits', () => {
    expect(plainText(20).safeParse(FNR).success).toBe(true);
    expect(plainText(20).safeParse('a\u0000').success).toBe(false);
    expect(plainText(20).safeParse('').success).toBe(false);
  });
});
