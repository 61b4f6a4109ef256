import { BadRequestException } from '@nestjs/common';
import { IsString } from 'class-validator';
import { bodyShapeProblem, MAX_BODY_DEPTH, StrictValidationPipe } from './strict-validation.pipe';

class NameDto {
  @IsString()
  name!: string;
}

const nested = (depth: number): unknown => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
const body = { type: 'body' as const, metatype: NameDto };

describe(StrictValidationPipe.name, () => {
  const pipe = new StrictValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });

  it('refuses a body nested deeper than any DTO, without recursing', async () => {
    expect(bodyShapeProblem(nested(MAX_BODY_DEPTH - 1))).toBeUndefined();
    expect(bodyShapeProblem(nested(MAX_BODY_DEPTH + 1))).toMatch(/nested more than 32 levels/);
    // Deep enough to overflow any recursive walk.
    expect(bodyShapeProblem(nested(200_000))).toMatch(/nested more than/);
    await expect(pipe.transform({ name: 'x', extra: nested(5000) }, body)).rejects.toThrow(
      BadRequestException,
    );
  });

  it('refuses keys that class-transformer would drop silently', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype', 'valueOf', 'toString', 'hasOwnProperty']) {
      const value: unknown = JSON.parse(`{"name":"x",${JSON.stringify(key)}:{"isAdmin":true}}`);
      expect(bodyShapeProblem(value)).toBe(`property ${key} should not exist`);
      await expect(pipe.transform(value, body)).rejects.toThrow(`property ${key} should not exist`);
    }
    expect(bodyShapeProblem(JSON.parse('{"needs":{"__proto__":1}}'))).toBe(
      'property needs.__proto__ should not exist',
    );
  });

  it('lets an ordinary body through to validation', async () => {
    await expect(pipe.transform({ name: 'Avdeling 1' }, body)).resolves.toEqual({ name: 'Avdeling 1' });
    await expect(pipe.transform({ name: 'x', other: 1 }, body)).rejects.toThrow(BadRequestException);
    expect(bodyShapeProblem([{ name: 'x' }, [1, [2]]])).toBeUndefined();
  });
});
