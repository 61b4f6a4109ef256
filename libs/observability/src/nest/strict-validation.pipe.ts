/**
 * The services' validation pipe: Nest's ValidationPipe, after a look at the shape of a request body
 * that class-transformer cannot be trusted with. It recurses once per level of nesting, so a 64 KB body
 * nested thousands deep overflows the stack (a 500); and keys that name members of Object.prototype
 * (`__proto__`, `constructor`, `valueOf`, …) or `prototype` are silently dropped by it or by Nest's
 * ValidationPipe, so that forbidNonWhitelisted never sees them. Both are refused here with 400 instead.
 */
import { BadRequestException, ValidationPipe } from '@nestjs/common';
import type { ArgumentMetadata } from '@nestjs/common';

/** No request body of the API is nested more than a few levels deep. */
export const MAX_BODY_DEPTH = 32;

/** Keys the pipeline would drop without a word, instead of refusing them as unknown. */
const isDroppedKey = (key: string): boolean => key in Object.prototype || key === 'prototype';

/** Why `body` is refused before validation, or undefined when its shape is fine. Never recurses. */
export function bodyShapeProblem(body: unknown): string | undefined {
  const pending: { value: unknown; depth: number; path: string }[] = [{ value: body, depth: 0, path: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, depth, path } = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_BODY_DEPTH) return `the request body is nested more than ${MAX_BODY_DEPTH} levels deep`;
    const isArray = Array.isArray(value);
    for (const [key, child] of Object.entries(value)) {
      if (!isArray && isDroppedKey(key)) return `property ${path}${key} should not exist`;
      pending.push({ value: child, depth: depth + 1, path: `${path}${key}.` });
    }
  }
  return undefined;
}

export class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body') {
      const problem = bodyShapeProblem(value);
      if (problem !== undefined) throw new BadRequestException(problem);
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}
