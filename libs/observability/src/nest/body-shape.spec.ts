import { BadRequestException } from '@nestjs/common';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { bodyShapeProblem, MAX_BODY_DEPTH } from './body-shape';
import { ContractValidationPipe } from './contract-validation.pipe';

class NameDto extends createZodDto(z.strictObject({ name: z.string() })) {}

const nested = (depth: number): unknown => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
const body = { type: 'body' as const, metatype: NameDto };

describe('body shape and ContractValidationPipe', () => {
  const pipe = new ContractValidationPipe();

  it('refuses a body nested deeper than any schema, without recursing', () => {
    expect(bodyShapeProblem(nested(MAX_BODY_DEPTH - 1))).toBeUndefined();
    expect(bodyShapeProblem(nested(MAX_BODY_DEPTH + 1))).toMatch(/nested more than 32 levels/);
    // Deep enough to overflow any recursive walk.
    expect(bodyShapeProblem(nested(200_000))).toMatch(/nested more than/);
    expect(() => pipe.transform({ name: 'x', extra: nested(5000) }, body)).toThrow(BadRequestException);
  });

  it('refuses keys that a parser could drop silently', () => {
    for (const key of ['__proto__', 'constructor', 'prototype', 'valueOf', 'toString', 'hasOwnProperty']) {
      const value: unknown = JSON.parse(`{"name":"x",${JSON.stringify(key)}:{"isAdmin":true}}`);
      expect(bodyShapeProblem(value)).toBe(`property ${key} should not exist`);
      expect(() => pipe.transform(value, body)).toThrow(`property ${key} should not exist`);
    }
    expect(bodyShapeProblem(JSON.parse('{"needs":{"__proto__":1}}'))).toBe(
      'property needs.__proto__ should not exist',
    );
  });

  it('parses an ordinary body with its schema and refuses unknown fields', () => {
    expect(pipe.transform({ name: 'Avdeling 1' }, body)).toEqual({ name: 'Avdeling 1' });
    expect(() => pipe.transform({ name: 'x', other: 1 }, body)).toThrow(BadRequestException);
    expect(bodyShapeProblem([{ name: 'x' }, [1, [2]]])).toBeUndefined();
  });

  it('leaves a parameter without a zod DTO to its own pipe', () => {
    expect(pipe.transform('7b1d3c4e', { type: 'param', metatype: String, data: 'unitId' })).toBe('7b1d3c4e');
  });
});
