/** Who asks, and the request's Idempotency-Key with what it is bound to: what every write needs. */
import { createParamDecorator, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { userOf, type AuthUser } from '@plass/auth';
import { idempotencyRequestOf, type IdempotentWrite } from '@plass/persistence';
import type { Request } from 'express';

export interface WriteRequest {
  user: AuthUser;
  /** The Idempotency-Key and what it is bound to: method, matched route, path, body hash (ADR 0120). */
  idempotency: Omit<IdempotentWrite, 'principal'>;
}

/** The request's user and its Idempotency-Key with the request fingerprint. */
export const Write = createParamDecorator((_data: unknown, context: ExecutionContext): WriteRequest => {
  const user = userOf(context);
  if (!user) throw new UnauthorizedException('no authenticated user on this request');
  return { user, idempotency: idempotencyRequestOf(context.switchToHttp().getRequest<Request>()) };
});

export function idempotentWrite(request: WriteRequest): IdempotentWrite {
  return { ...request.idempotency, principal: request.user.sub };
}
