/**
 * Runs a write at most once per Idempotency-Key. The key is claimed inside the write's own transaction,
 * so two concurrent requests with one key serialise on the key row: the second gets the first's result.
 * Only successful results are remembered; a failed write leaves the key free to retry.
 *
 * The same mechanism as the institution service's; it belongs in a shared library (see README).
 */
import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '@plass/auth';
import { DataSource, type EntityManager } from 'typeorm';
import { HousingException } from '../housing.exception';

/** Who asks, and the request's Idempotency-Key, method and path. */
export interface WriteRequest {
  user: AuthUser;
  idempotencyKey: string | undefined;
  method: string;
  path: string;
}

const KEY_PATTERN = /^[A-Za-z0-9_\-:.]{1,200}$/;

@Injectable()
export class IdempotencyService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Runs `work` in a transaction, or returns the stored result of an earlier request with the same key. */
  async run<T>(request: WriteRequest, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const { idempotencyKey: key, method, path } = request;
    const principal = request.user.sub;
    if (key !== undefined && !KEY_PATTERN.test(key)) {
      throw new BadRequestException(
        'Idempotency-Key must be 1–200 characters of letters, digits and - _ : .',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      if (key !== undefined) {
        const claimed = await manager.query<unknown[]>(
          `INSERT INTO idempotency_key (principal, key, method, path) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING RETURNING key`,
          [principal, key, method, path],
        );
        if (claimed.length === 0) {
          const [stored] = await manager.query<{ method: string; path: string; response: T }[]>(
            'SELECT method, path, response FROM idempotency_key WHERE principal = $1 AND key = $2',
            [principal, key],
          );
          if (stored.method !== method || stored.path !== path) {
            throw new HousingException(
              'IDEMPOTENCY_KEY_REUSED',
              `this Idempotency-Key was used for ${stored.method} ${stored.path}; use a new key for a different request`,
            );
          }
          return stored.response;
        }
      }
      const body = await work(manager);
      if (key !== undefined) {
        await manager.query('UPDATE idempotency_key SET response = $3 WHERE principal = $1 AND key = $2', [
          principal,
          key,
          JSON.stringify(body),
        ]);
      }
      return body;
    });
  }
}
