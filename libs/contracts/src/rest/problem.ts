/** RFC 9457 problem details: the one error body of every service, and its OpenAPI component. */
import { z } from 'zod';

export const PROBLEM_TYPE_PREFIX = 'urn:plassoversikt:problem:';

/** `NO_AVAILABLE_PLACE` is `urn:plassoversikt:problem:no-available-place`; no code is `about:blank`. */
export function problemTypeOf(code?: string): string {
  return code ? `${PROBLEM_TYPE_PREFIX}${code.toLowerCase().replace(/_/g, '-')}` : 'about:blank';
}

export const ProblemDetailsSchema = z
  .looseObject({
    type: z.string().describe('`about:blank` or `urn:plassoversikt:problem:<code>`'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    code: z.string().optional().describe('The problem code in SCREAMING_SNAKE_CASE, when there is one'),
    correlationId: z.string().optional(),
    errors: z.array(z.string()).optional().describe('One message per failed validation rule'),
  })
  .meta({ description: 'RFC 9457 problem details' });

export type ProblemDetails = z.infer<typeof ProblemDetailsSchema>;

/**
 * A problem without a code (`about:blank`) beside coded ones of the same status in a route's `problems`:
 * a malformed id or body (the validation pipe), a malformed Idempotency-Key, or the role guard's 403.
 */
export const UNCODED = '';

/**
 * The codes of a refused bearer token, the 401 of every route that is not public (libs/auth's
 * AUTH_ERROR_CODES; libs/contracts/src/rest/capacity.spec.ts keeps the two lists equal): the body's
 * `code` tells "expired, sign in again" from "refused".
 */
export const BEARER_TOKEN_PROBLEMS = [
  'missing-token',
  'expired',
  'invalid-signature',
  'invalid-claims',
  'wrong-audience',
  'wrong-issuer',
  'malformed',
] as const;
