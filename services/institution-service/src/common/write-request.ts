/** Who writes, and under which Idempotency-Key: what every write route hands to its service. */
import { applyDecorators, createParamDecorator, UnauthorizedException } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { userOf, type AuthUser } from '@plass/auth';
import type { Request } from 'express';
import { ProblemModel } from './api-models';
import { idempotencyRequestOf, type IdempotentWrite as IdempotentWriteContext } from '@plass/persistence';

export interface WriteRequest {
  user: AuthUser;
  /** The Idempotency-Key and what it is bound to: method, matched route, path, body hash. */
  idempotency: Omit<IdempotentWriteContext, 'principal'>;
}

/** The request's user and its Idempotency-Key with the request fingerprint (ADR 0120). */
export const Write = createParamDecorator((_data: unknown, context: ExecutionContext): WriteRequest => {
  const user = userOf(context);
  if (!user) throw new UnauthorizedException('no authenticated user on this request');
  return { user, idempotency: idempotencyRequestOf(context.switchToHttp().getRequest<Request>()) };
});

/** Documents the Idempotency-Key header of a write route. */
export const IdempotentWrite = () =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Any unique string (1–200 of letters, digits, - _ : .; bare or in double quotes). A repeat of the same ' +
        'request with the same key returns the first result and changes nothing; the same key with another ' +
        'body or route is 422.',
    }),
    ApiExtraModels(ProblemModel),
    ApiResponse({
      status: 422,
      description:
        'Idempotency-Key already used for another request (another body, route or path); nothing changed',
      content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemModel) } } },
    }),
  );

export function idempotencyContext(request: WriteRequest): IdempotentWriteContext {
  return { ...request.idempotency, principal: request.user.sub };
}
