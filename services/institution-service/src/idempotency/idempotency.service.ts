/**
 * Runs a write at most once per Idempotency-Key. The key is claimed inside the write's own transaction,
 * so two concurrent requests with one key serialise on the key row: the second gets the first's result.
 * Only successful results are remembered; a failed write leaves the key free to retry.
 */
import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { InstitutionException } from '../institution.exception';

export interface IdempotencyContext {
  key: string | undefined;
  principal: string;
  method: string;
  path: string;
}

export interface IdempotentResult<T> {
  body: T;
  replayed: boolean;
}

const KEY_PATTERN = /^[A-Za-z0-9_\-:.]{1,200}$/;

@Injectable()
export class IdempotencyService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async run<T>(
    ctx: IdempotencyContext,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    if (ctx.key !== undefined && !KEY_PATTERN.test(ctx.key)) {
      throw new BadRequestException(
        'Idempotency-Key must be 1–200 characters of letters, digits and - _ : .',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      if (ctx.key !== undefined) {
        const claimed = await manager.query<unknown[]>(
          `INSERT INTO idempotency_key (principal, key, method, path) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING RETURNING key`,
          [ctx.principal, ctx.key, ctx.method, ctx.path],
        );
        if (claimed.length === 0) {
          const [stored] = await manager.query<{ method: string; path: string; response: T }[]>(
            'SELECT method, path, response FROM idempotency_key WHERE principal = $1 AND key = $2',
            [ctx.principal, ctx.key],
          );
          if (stored.method !== ctx.method || stored.path !== ctx.path) {
            throw new InstitutionException(
              'IDEMPOTENCY_KEY_REUSED',
              `this Idempotency-Key was used for ${stored.method} ${stored.path}; use a new key for a different request`,
            );
          }
          return { body: stored.response, replayed: true };
        }
      }
      const body = await work(manager);
      if (ctx.key !== undefined) {
        await manager.query('UPDATE idempotency_key SET response = $3 WHERE principal = $1 AND key = $2', [
          ctx.principal,
          ctx.key,
          JSON.stringify(body),
        ]);
      }
      return { body, replayed: false };
    });
  }
}
