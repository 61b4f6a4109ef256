/** Who writes, and under which Idempotency-Key: what every write route hands to its service. */
import { createParamDecorator, UnauthorizedException } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { userOf, type AuthUser } from '@plass/auth';
import type { Request } from 'express';
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

export function idempotencyContext(request: WriteRequest): IdempotentWriteContext {
  return { ...request.idempotency, principal: request.user.sub };
}
