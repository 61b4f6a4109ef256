/**
 * Runs a write at most once per Idempotency-Key. The key is claimed inside the write's own transaction,
 * so two concurrent requests with one key serialise on the key row: the second gets the first's result.
 * Only successful results are remembered; a failed write leaves the key free to retry. A service adds
 * the `idempotency_key` table (IDEMPOTENCY_UP_SQL) in one of its migrations.
 */
import { BadRequestException, Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** Who writes (the token's subject), with the request's Idempotency-Key, method and path. */
export interface IdempotentWrite {
  key: string | undefined;
  principal: string;
  method: string;
  path: string;
}

export const IDEMPOTENCY_UP_SQL = `
CREATE TABLE idempotency_key (
  principal text NOT NULL,
  key text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal, key)
);`;

const KEY_PATTERN = /^[A-Za-z0-9_\-:.]{1,200}$/;

@Injectable()
export class IdempotencyService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Runs `work` in a transaction, or returns the stored result of an earlier request with the same key. */
  async run<T>(write: IdempotentWrite, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const { key, principal, method, path } = write;
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
            throw new UnprocessableEntityException({
              type: 'urn:plassoversikt:problem:idempotency-key-reused',
              title: 'Idempotency-Key reused',
              detail: `this Idempotency-Key was used for ${stored.method} ${stored.path}; use a new key for a different request`,
              code: 'IDEMPOTENCY_KEY_REUSED',
            });
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
