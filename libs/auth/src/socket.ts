/** socket.io middleware that authenticates a connection once, at the handshake. */
import type { DefaultEventsMap, ExtendedError, Socket } from 'socket.io';
import { AuthError } from './auth-error';
import type { AuthErrorCode } from './auth-error';
import { bearerToken } from './bearer';
import type { AuthUser } from './claims';
import type { TokenVerifier } from './verifier';

/** `err.data` of a refused connection; `unavailable` when the token could not be checked at all. */
export interface SocketAuthErrorData {
  code: AuthErrorCode | 'unavailable';
}

export interface SocketAuthError extends ExtendedError {
  data: SocketAuthErrorData;
}

/** What the middleware stores on `socket.data`. */
export interface AuthSocketData {
  user?: AuthUser;
}

/** Fits any typed server or namespace whose socket data has room for `user`. */
export type AuthSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, AuthSocketData>;

function refusal(message: string, code: SocketAuthErrorData['code']): SocketAuthError {
  return Object.assign(new Error(`unauthorized: ${message}`), { data: { code } });
}

function handshakeToken(socket: AuthSocket): string | undefined {
  const { token } = socket.handshake.auth as { token?: unknown };
  if (typeof token === 'string' && token !== '') return token.replace(/^Bearer\s+/i, '');
  return bearerToken(socket.handshake.headers.authorization);
}

/**
 * Reads `handshake.auth.token` (or the `Authorization` header), sets `socket.data.user`, and refuses
 * the connection with a message that says why.
 */
export function socketAuthMiddleware(verifier: TokenVerifier) {
  return (socket: AuthSocket, next: (err?: ExtendedError) => void): void => {
    // async so that a malformed header (thrown synchronously) is refused like any other token.
    const authenticate = async (): Promise<AuthUser> => verifier.verify(handshakeToken(socket));
    authenticate().then(
      (user) => {
        socket.data.user = user;
        next();
      },
      (error: unknown) => {
        next(
          error instanceof AuthError
            ? refusal(error.message, error.code)
            : refusal('the token could not be checked, try again', 'unavailable'),
        );
      },
    );
  };
}
