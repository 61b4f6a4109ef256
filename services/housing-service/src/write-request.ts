/** Who asks, and the request's Idempotency-Key, method and path: what every write needs. */
import type { AuthUser } from '@plass/auth';
import type { IdempotentWrite } from '@plass/persistence';

export interface WriteRequest {
  user: AuthUser;
  idempotencyKey: string | undefined;
  method: string;
  path: string;
}

export function idempotentWrite(request: WriteRequest): IdempotentWrite {
  return {
    key: request.idempotencyKey,
    principal: request.user.sub,
    method: request.method,
    path: request.path,
  };
}
