/** Who writes, and under which Idempotency-Key: what every write route hands to its service. */
import { applyDecorators, createParamDecorator, UnauthorizedException } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { userOf, type AuthUser } from '@plass/auth';
import type { Request } from 'express';
import type { IdempotentWrite as IdempotentWriteContext } from '@plass/persistence';

export interface WriteRequest {
  user: AuthUser;
  idempotencyKey: string | undefined;
  method: string;
  path: string;
}

/** The request's user, Idempotency-Key, method and path. */
export const Write = createParamDecorator((_data: unknown, context: ExecutionContext): WriteRequest => {
  const user = userOf(context);
  if (!user) throw new UnauthorizedException('no authenticated user on this request');
  const request = context.switchToHttp().getRequest<Request>();
  const key = request.headers['idempotency-key'];
  return {
    user,
    idempotencyKey: Array.isArray(key) ? key[0] : key,
    method: request.method,
    path: request.path,
  };
});

/** Documents the Idempotency-Key header of a write route. */
export const IdempotentWrite = () =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Any unique string (1–200 of letters, digits, - _ : .). A repeated key returns the first result and changes nothing.',
    }),
  );

export function idempotencyContext(request: WriteRequest): IdempotentWriteContext {
  return {
    key: request.idempotencyKey,
    principal: request.user.sub,
    method: request.method,
    path: request.path,
  };
}
