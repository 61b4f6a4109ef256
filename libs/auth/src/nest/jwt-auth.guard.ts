/** The global guard: every route needs a valid bearer token unless marked `@Public()`. */
import { ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthError } from '../auth-error';
import { bearerToken } from '../bearer';
import type { AuthUser, Role } from '../claims';
import { hasRole } from '../policy';
import { BearerUnauthorizedException } from '../www-authenticate';
import type { TokenVerifier } from '../verifier';
import { IS_PUBLIC_KEY, ROLES_KEY, TOKEN_VERIFIER } from './auth.constants';
import { userOf } from './context-user';
import type { AuthenticatedRequest } from './context-user';

@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets)) return true;

    const user = await this.authenticate(context);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && roles.length > 0 && !hasRole(user, ...roles)) {
      throw new ForbiddenException(`this action requires the role ${roles.join(' or ')}`);
    }
    return true;
  }

  private async authenticate(context: ExecutionContext): Promise<AuthUser> {
    switch (context.getType()) {
      case 'http': {
        const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
        request.user = await this.verify(request.headers.authorization);
        return request.user;
      }
      case 'ws': {
        // Sockets are authenticated once at the handshake by socketAuthMiddleware.
        const user = userOf(context);
        if (!user) throw new UnauthorizedException('socket is not authenticated');
        return user;
      }
      default:
        throw new UnauthorizedException(`no authentication for ${context.getType()} handlers`);
    }
  }

  private async verify(authorization: string | string[] | undefined): Promise<AuthUser> {
    let headerWellFormed = false;
    try {
      const token = bearerToken(authorization);
      headerWellFormed = true;
      return await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof AuthError) throw new BearerUnauthorizedException(error, headerWellFormed);
      throw error;
    }
  }
}
