/** Where the authenticated user lives on an HTTP request or a socket.io socket. */
import type { ExecutionContext } from '@nestjs/common';
import type { AuthUser } from '../claims';

/** The part of an HTTP request the guard reads and writes (Express and Fastify both fit). */
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthUser;
}

/** The part of a socket.io socket the guard reads; `socketAuthMiddleware` sets `data.user`. */
export interface AuthenticatedSocket {
  data: { user?: AuthUser };
}

export function userOf(context: ExecutionContext): AuthUser | undefined {
  switch (context.getType()) {
    case 'http':
      return context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    case 'ws':
      return context.switchToWs().getClient<AuthenticatedSocket>().data.user;
    default:
      return undefined;
  }
}
