import fc from 'fast-check';
import { z } from 'zod';
import {
  CLOUDEVENTS_JSON,
  cloudEventSchema,
  ContractViolation,
  createEvent,
  defineContract,
  formatSequence,
  SEQUENCE_DIGITS,
  sequenceSchema,
} from './envelope';

const contract = defineContract(
  'test.thing',
  'urn:test:1',
  cloudEventSchema('test.thing', z.strictObject({ n: z.number() })),
);

function wire(sequence: unknown): unknown {
  return { ...JSON.parse(JSON.stringify(event(1))), sequence } as unknown;
}

function event(sequence: number) {
  return createEvent({
    source: '/test',
    type: 'test.thing',
    subject: 's',
    sequence,
    dataschema: 'urn:test:1',
    data: { n: 1 },
  });
}

describe('the Kafka binding constants', () => {
  it('name the JSON event format media type of the structured content mode', () => {
    expect(CLOUDEVENTS_JSON).toBe('application/cloudevents+json');
  });
});

describe(formatSequence.name, () => {
  it('pads the integer with zeros to 19 digits', () => {
    expect(formatSequence(0)).toBe('0000000000000000000');
    expect(formatSequence(42)).toBe('0000000000000000042');
    expect(formatSequence(Number.MAX_SAFE_INTEGER)).toBe('0009007199254740991');
    expect(formatSequence(42)).toHaveLength(SEQUENCE_DIGITS);
  });

  it('orders as strings exactly as the integers order (the extension compares strings)', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.maxSafeNat(), (a, b) => {
        const byString = formatSequence(a) < formatSequence(b);
        expect(byString).toBe(a < b);
      }),
    );
    // Unpadded, "10" would sort before "9".
    expect(formatSequence(10) > formatSequence(9)).toBe(true);
  });

  it('refuses what is not a non-negative safe integer', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => formatSequence(bad)).toThrow(RangeError);
    }
  });
});

describe('createEvent', () => {
  it('puts the sequence on the wire as the padded string', () => {
    expect(event(7).sequence).toBe('0000000000000000007');
  });
});

describe('sequence, as consumers read it', () => {
  it('reads the string of a new event and the number of an old one as the same number', () => {
    expect(contract.parse(wire('0000000000000000042')).sequence).toBe(42);
    expect(contract.parse(wire(42)).sequence).toBe(42);
    expect(contract.parse(wire('42')).sequence).toBe(42);
    expect(contract.parse(wire(0)).sequence).toBe(0);
    expect(contract.parse(wire('0009007199254740991')).sequence).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('round-trips every sequence through its wire form', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(sequenceSchema.parse(formatSequence(n))).toBe(n);
      }),
    );
  });

  it.each([
    ['a fraction in a string', '1.5'],
    ['a negative string', '-1'],
    ['a plus sign', '+1'],
    ['an exponent', '1e3'],
    ['hexadecimal', '0x1f'],
    ['white space', ' 1'],
    ['words', 'forty-two'],
    ['an empty string', ''],
    ['a full-width digit', '１'],
    ['more than 19 digits', '00000000000000000042'],
    ['a string past the safe integers', '9007199254740993'],
    ['a fraction', 1.5],
    ['a negative number', -1],
    ['a number past the safe integers', Number.MAX_SAFE_INTEGER + 2],
    ['null', null],
    ['a boolean', true],
  ])('refuses %s as a contract violation', (_, sequence) => {
    expect(() => contract.parse(wire(sequence))).toThrow(ContractViolation);
  });
});
