/**
 * A look at the shape of a request body before any schema parses it: a parser that recurses once per level
 * of nesting overflows the stack on a 64 KB body nested thousands deep (a 500), and keys that name members
 * of Object.prototype (`__proto__`, `constructor`, `valueOf`, …) or `prototype` are dropped silently by
 * some parsers, so that a strict schema never sees them. Both are refused with 400 instead
 * (ContractValidationPipe).
 */

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
