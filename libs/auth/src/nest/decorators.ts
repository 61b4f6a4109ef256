/** `@Public()`, `@Roles(...)` and `@CurrentUser()` for controllers and gateways. */
import { createParamDecorator, SetMetadata, UnauthorizedException } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { AuthUser, Role } from '../claims';
import { IS_PUBLIC_KEY, ROLES_KEY } from './auth.constants';
import { userOf } from './context-user';

/** Lets a handler or controller through without a token (health, metrics). */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/** Only users holding at least one of `roles` may call the handler (403 otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The verified `AuthUser` of the request or socket. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  const user = userOf(context);
  if (!user) throw new UnauthorizedException('no authenticated user on this request');
  return user;
});
