import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Binds an Idempotency-Key to the request it was first used for (ADR 0120): the matched route template
 * and a SHA-256 of the canonical body, beside the method and path it already had. Keys stored before
 * keep NULL here and are compared by method and path only.
 */
export class IdempotencyFingerprint1764800000000 implements MigrationInterface {
  name = 'IdempotencyFingerprint1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE idempotency_key ADD COLUMN route text;
      ALTER TABLE idempotency_key ADD COLUMN body_hash text;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE idempotency_key DROP COLUMN body_hash;
      ALTER TABLE idempotency_key DROP COLUMN route;
    `);
  }
}
