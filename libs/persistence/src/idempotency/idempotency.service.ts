/**
 * Runs a write at most once per Idempotency-Key (draft-ietf-httpapi-idempotency-key-header, ADR 0120).
 *
 * A key belongs to one subject and is bound to the request it was first used for: method, matched
 * route, concrete path and a SHA-256 of the canonical body. The same key for another request is 422;
 * a repeat of the same request gets the stored answer and changes nothing, but only after `authorize`
 * has run again for the caller who repeats it: the stored answer is never handed to someone the first
 * request's checks would refuse (403/404 then, as for a first request).
 *
 * The key is claimed inside the write's own transaction, so two concurrent requests with one key
 * serialise on the key row: the second waits for the first and then gets its answer (or, with another
 * body, 422) — the draft's 409 for a request "still being processed" is never needed. Only successful
 * results are remembered; a failed write leaves the key free to retry. A service creates the
 * `idempotency_key` table (principal, key, method, path, route, body_hash, response, created_at) in
 * its own migrations.
 */
import { BadRequestException, Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { bindTrace, type TraceCarrier } from '@plass/observability';
import { DataSource, type EntityManager } from 'typeorm';

/** Who writes (the token's subject), with the request's Idempotency-Key and what the key is bound to. */
export interface IdempotentWrite {
  key: string | undefined;
  principal: string;
  method: string;
  /** The matched route template, e.g. `/api/units/:unitId/census`. */
  route: string;
  /** The concrete path, e.g. `/api/units/3f1c…/census`. */
  path: string;
  /** `requestBodyHash(body)`: SHA-256 of the canonical JSON body. */
  bodyHash: string;
  /** The request's trace (`requestTrace`): the write's outbox rows continue it (ADR 0155). */
  trace?: TraceCarrier;
}

/** The two steps of a write: the caller's authorization (run for every request, repeats too) and the change. */
export interface IdempotentSteps<A, T> {
  /**
   * Every check that decides whether this caller may make this request at all (resource exists,
   * institution or district scope): runs before a stored answer is returned. Its result goes to `work`.
   */
  authorize: (manager: EntityManager) => Promise<A>;
  /** The change itself; runs once per key. */
  work: (manager: EntityManager, authorized: A) => Promise<T>;
}

/** For routes whose only check is the role the guard has already enforced (admin registry writes). */
export const ROLE_CHECKED_BY_GUARD = (): Promise<void> => Promise.resolve();

const KEY_PATTERN = /^[A-Za-z0-9_\-:.]{1,200}$/;

/**
 * The key without the quotes of the draft's sf-string form (`Idempotency-Key: "8e03…"`); the bare
 * form is accepted as before.
 */
export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  const unquoted =
    value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  if (!KEY_PATTERN.test(unquoted)) {
    throw new BadRequestException(
      'Idempotency-Key must be 1–200 characters of letters, digits and - _ : . (optionally in double quotes)',
    );
  }
  return unquoted;
}

interface StoredKey {
  method: string;
  route: string | null;
  path: string;
  body_hash: string | null;
  response: unknown;
}

function reusedFor(stored: StoredKey, write: IdempotentWrite): string | undefined {
  if (stored.method !== write.method || stored.path !== write.path) {
    return `this Idempotency-Key was used for ${stored.method} ${stored.path}; use a new key for a different request`;
  }
  // Keys stored before the fingerprint existed (route and body_hash null) are compared by method and path only.
  if (stored.route !== null && stored.route !== write.route) {
    return `this Idempotency-Key was used for the route ${stored.method} ${stored.route}; use a new key for a different request`;
  }
  if (stored.body_hash !== null && stored.body_hash !== write.bodyHash) {
    return (
      `this Idempotency-Key was used for ${stored.method} ${stored.path} with a different body; ` +
      'nothing was changed — send the original body to get the first answer again, or use a new key for a new request'
    );
  }
  return undefined;
}

@Injectable()
export class IdempotencyService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Authorizes, then runs `work` in a transaction, or returns the stored result of an earlier identical request. */
  async run<A, T>(write: IdempotentWrite, steps: IdempotentSteps<A, T>): Promise<T> {
    const key = parseIdempotencyKey(write.key);
    const { principal, method, route, path, bodyHash } = write;
    return this.dataSource.transaction(async (manager) => {
      bindTrace(manager, write.trace);
      // First, for a repeat as for a first request: someone the checks refuse never sees a stored answer.
      const authorized = await steps.authorize(manager);
      if (key !== undefined) {
        const claimed = await manager.query<unknown[]>(
          `INSERT INTO idempotency_key (principal, key, method, route, path, body_hash) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT DO NOTHING RETURNING key`,
          [principal, key, method, route, path, bodyHash],
        );
        if (claimed.length === 0) {
          const [stored] = await manager.query<StoredKey[]>(
            'SELECT method, route, path, body_hash, response FROM idempotency_key WHERE principal = $1 AND key = $2',
            [principal, key],
          );
          const reused = reusedFor(stored, write);
          if (reused !== undefined) {
            throw new UnprocessableEntityException({
              type: 'urn:plassoversikt:problem:idempotency-key-reused',
              title: 'Idempotency-Key reused',
              detail: reused,
              code: 'IDEMPOTENCY_KEY_REUSED',
            });
          }
          return stored.response as T;
        }
      }
      const body = await steps.work(manager, authorized);
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
