/**
 * fast-check arbitraries for hostile request bodies. Every body they make is invalid by construction
 * (wrong shape, a wrong value, a missing or an unknown field), so the only right answer is a 4xx.
 */
import { HOUSING_LABEL_PATTERN } from '@plass/contracts';
import fc from 'fast-check';

/** Strings that try to break out of SQL, HTML, a shell, a path, a log line or a template. */
export const INJECTIONS = [
  "' OR 1=1--",
  "'; DROP TABLE units; --",
  '" OR ""="',
  '1; SELECT pg_sleep(5)',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '$(reboot)',
  '`id`',
  '${7*7}',
  '{{7*7}}',
  '%00',
  '\u0000',
  'line\r\nX-Injected: yes',
  '\u202e\u0645',
  '__proto__',
  'constructor',
  'A'.repeat(5000),
] as const;

/** Keys that try to reach an object's prototype or a framework's internals. */
export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'isAdmin',
  'roles',
  'sub',
  'id',
  'sequence',
  '$where',
  "name'; --",
  '',
] as const;

/** A JSON literal written as text, for numbers JSON.stringify would never write (1e999, -0, 30 digits). */
export class RawJson {
  constructor(readonly text: string) {}
}

export const HUGE_NUMBERS = [
  new RawJson('1e999'),
  new RawJson('-1e999'),
  new RawJson('123456789012345678901234567890'),
  new RawJson('-0'),
  new RawJson('0.1e-320'),
  1e308,
  -1e308,
  2 ** 53 + 2,
  -(2 ** 31) - 1,
  2 ** 31,
  Number.MIN_VALUE,
];

/** JSON text for a value, keeping own `__proto__` keys and RawJson literals as they are. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .map((key) => `${JSON.stringify(key)}:${toJsonText(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A copy of `object` with `key` as an own, enumerable property, even when the key is `__proto__`. */
export function withOwnKey(object: object, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...object };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** `{"a":{"a":…}}` nested `depth` deep, as text. */
export function deeplyNested(depth: number, leaf = '1'): RawJson {
  return new RawJson(`${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`);
}

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(...INJECTIONS, ...HUGE_NUMBERS),
);

/** The value a service sees after JSON.parse. */
const parsed = (value: unknown): unknown => (value instanceof RawJson ? JSON.parse(value.text) : value);

/**
 * Anything at all that `mayAccept` says the field might accept is left out; `knownBad` are values the
 * over-cautious `mayAccept` would leave out although the validator refuses them.
 */
function rejectedBy(
  mayAccept: (value: unknown) => boolean,
  extra: fc.Arbitrary<unknown>[] = [],
  knownBad: unknown[] = [],
): fc.Arbitrary<unknown> {
  const filtered = fc
    .oneof(
      anyJson,
      fc.constantFrom<unknown>(null, true, false, [], {}, '', ' ', [1, 2], { $gt: '' }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      ...extra,
    )
    .filter((value) => !mayAccept(parsed(value)));
  return knownBad.length > 0 ? fc.oneof(filtered, fc.constantFrom(...knownBad)) : filtered;
}

export type FieldKind =
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'uuid' }
  | { kind: 'uuid-list'; max: number }
  | { kind: 'datetime' }
  | { kind: 'date' }
  | { kind: 'boolean' }
  | { kind: 'text'; max: number }
  | { kind: 'label' }
  | { kind: 'needs'; types: readonly string[]; max: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isWhole = (value: unknown, min: number, max: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** Values the field's validator must refuse. */
export function badValue(field: FieldKind): fc.Arbitrary<unknown> {
  switch (field.kind) {
    case 'enum':
      return rejectedBy(
        (v) => typeof v === 'string' && field.values.includes(v),
        [
          fc.constantFrom(...field.values.map((v) => v.toUpperCase()), ...field.values.map((v) => ` ${v}`)),
          fc.constant(field.values),
        ],
      );
    case 'int':
      return rejectedBy(
        (v) => isWhole(v, field.min, field.max),
        [
          fc.integer({ max: field.min - 1 }),
          fc.integer({ min: field.max + 1 }),
          fc.double({ min: field.min, max: field.max, noNaN: true }),
          fc.constantFrom(String(field.min), `${field.max}`, '0x10', '1e2', new RawJson('-0')),
          fc.constantFrom(...HUGE_NUMBERS),
        ],
      );
    case 'uuid':
      return rejectedBy(
        (v) => typeof v === 'string' && UUID.test(v),
        [fc.uuid().map((u) => `${u} `), fc.uuid().map((u) => u.replace(/-/g, ''))],
      );
    case 'uuid-list':
      return rejectedBy(
        (v) =>
          Array.isArray(v) &&
          v.length <= field.max &&
          v.every((id) => typeof id === 'string' && UUID.test(id)),
        [
          fc.array(badValue({ kind: 'uuid' }), { minLength: 1, maxLength: 3 }),
          fc.array(fc.uuid(), { minLength: field.max + 1, maxLength: field.max + 5 }),
        ],
      );
    case 'datetime':
      // Anything that starts like a date might be one: left out, but for some that surely are not.
      return rejectedBy(
        (v) => typeof v === 'string' && /^\s*[+-]?\d{4}/.test(v),
        [fc.constantFrom('tomorrow', 'now', 'T12:00:00Z')],
        ['2026-13-01T00:00:00Z', '2026-02-30T12:00:00Z', '2026-12-01T25:00:00Z'],
      );
    case 'date':
      return rejectedBy(
        (v) => typeof v === 'string' && /^\s*[+-]?\d{4}/.test(v),
        [fc.constantFrom('01.12.2026', 'next week')],
        ['2026-02-30', '2026-13-01', '20261201', '2026-12-01T00:00:00Z'],
      );
    case 'boolean':
      return rejectedBy((v) => typeof v === 'boolean', [fc.constantFrom('true', 'false', 1, 0, 'yes')]);
    case 'text':
      // Length counts code points, not UTF-16 units: anything up to twice the limit might fit.
      return rejectedBy(
        (v) => typeof v === 'string' && v.length >= 1 && v.length <= 2 * field.max,
        [],
        ['', 'x'.repeat(2 * field.max + 1)],
      );
    case 'label':
      return rejectedBy(
        (v) => typeof v === 'string' && HOUSING_LABEL_PATTERN.test(v),
        [fc.constantFrom('Storgata 5', 'Kari Hansen', 'B-0412 ', 'B_0412', '1'.repeat(25))],
      );
    case 'needs': {
      const validMap = (v: unknown) =>
        typeof v === 'object' &&
        v !== null &&
        !Array.isArray(v) &&
        Object.keys(v).length > 0 &&
        Object.entries(v).every(([type, n]) => field.types.includes(type) && isWhole(n, 0, field.max));
      return rejectedBy(validMap, [
        fc
          .constantFrom(...field.types)
          .chain((type) =>
            badValue({ kind: 'int', min: 0, max: field.max }).map((n) => withOwnKey({}, type, n)),
          ),
        fc
          .constantFrom<string>(...HOSTILE_KEYS, ...INJECTIONS.slice(0, 6))
          .map((key) => withOwnKey({}, key, 1)),
      ]);
    }
  }
}

/** What a route accepts: a valid body (never sent as it is) and the kind of each field. */
export interface BodyShape {
  valid: Record<string, unknown>;
  fields: Record<string, FieldKind>;
  /** Fields the route cannot do without. */
  required: string[];
}

/** A body the route must refuse, and how it was made (for the failure message). */
export interface HostileBody {
  how: string;
  text: string;
  contentType: string;
}

const json = (how: string, value: unknown): HostileBody => ({
  how,
  text: toJsonText(value),
  contentType: 'application/json',
});

/** Every way of getting a body wrong for one route. */
export function hostileBody(shape: BodyShape): fc.Arbitrary<HostileBody> {
  const fieldNames = Object.keys(shape.fields);
  const notAField = fc
    .oneof(fc.constantFrom<string>(...HOSTILE_KEYS, ...INJECTIONS.slice(0, 8)), fc.string({ maxLength: 40 }))
    .filter((key) => !fieldNames.includes(key));

  const options: fc.Arbitrary<HostileBody>[] = [
    // Not an object at all.
    fc
      .oneof(fc.jsonValue(), fc.constantFrom<unknown>(...INJECTIONS, ...HUGE_NUMBERS))
      .filter((v) => v instanceof RawJson || typeof v !== 'object' || v === null || Array.isArray(v))
      .map((v) => json('not an object', v)),
    fc
      .array(fc.constant(shape.valid), { minLength: 1, maxLength: 3 })
      .map((v) => json('an array of valid bodies', v)),
    // A valid body with one field more.
    fc
      .tuple(notAField, anyJson)
      .map(([key, value]) =>
        json(`unknown field ${JSON.stringify(key)}`, withOwnKey(shape.valid, key, value)),
      ),
    fc
      .constantFrom('__proto__', 'constructor')
      .map((key) =>
        json(
          `prototype pollution via ${key}`,
          withOwnKey(shape.valid, key, { prototype: { isAdmin: true }, isAdmin: true }),
        ),
      ),
    // Text that is not JSON, or JSON under another content type.
    fc
      .string({ unit: 'binary', maxLength: 200 })
      .map((text) => ({ how: 'text', text, contentType: 'application/json' })),
    fc.constantFrom('{', '{"a":1,}', "{'a':1}", '{"a":NaN}', '{"a":undefined}', '\u0000').map((text) => ({
      how: 'broken JSON',
      text,
      contentType: 'application/json',
    })),
    fc
      .constantFrom('text/plain', 'application/xml', 'application/json; charset=utf-7', 'multipart/form-data')
      .map((contentType) => ({ how: `sent as ${contentType}`, text: '<a>1</a>', contentType })),
    notAField.map((key) => ({
      how: 'form-encoded with an unknown field',
      text: `${new URLSearchParams({ ...(shape.valid as Record<string, string>), [key || 'x']: '1' }).toString()}&a[b][c][d][e][f][g]=1`,
      contentType: 'application/x-www-form-urlencoded',
    })),
    fc
      .integer({ min: 100, max: 5000 })
      .map((depth) => json(`nested ${depth} deep`, withOwnKey(shape.valid, 'nested', deeplyNested(depth)))),
  ];
  if (fieldNames.length > 0) {
    options.push(
      // One field with a value it must refuse.
      fc
        .constantFrom(...fieldNames)
        .chain((name) =>
          badValue(shape.fields[name])
            // @IsOptional() takes null for absent, which is fine for a field that may be left out.
            .filter((value) => value !== null || shape.required.includes(name))
            .map((value) => ({ name, value })),
        )
        .map(({ name, value }) =>
          json(`bad ${name}: ${toJsonText(value).slice(0, 60)}`, withOwnKey(shape.valid, name, value)),
        ),
      fc
        .constantFrom(...fieldNames)
        .chain((name) =>
          fc
            .integer({ min: 100, max: 3000 })
            .map((depth) =>
              json(`${name} nested ${depth} deep`, withOwnKey(shape.valid, name, deeplyNested(depth))),
            ),
        ),
    );
  }
  if (shape.required.length > 0) {
    options.push(
      fc.subarray(shape.required, { minLength: 1 }).map((missing) => {
        const body = { ...shape.valid };
        for (const name of missing) delete body[name];
        return json(`without ${missing.join(', ')}`, body);
      }),
    );
  }
  return fc.oneof(...options);
}
