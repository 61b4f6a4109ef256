import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The intake service's first schema: referrals, the Idempotency-Key table (with the request fingerprint
 * of ADR 0120 from the start) and the outbox as libs/messaging's OUTBOX_UP_SQL read when this was
 * written. A migration is history: it keeps its own SQL, so later changes to live constants or lists
 * cannot rewrite it (ADR 0146).
 */
const OUTBOX_UP_SQL = `
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  topic text NOT NULL,
  key text NOT NULL,
  value text NOT NULL,
  headers jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  attempts int NOT NULL DEFAULT 0,
  last_error text,
  failed_at timestamptz
);
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL;
`;
const OUTBOX_DOWN_SQL = 'DROP TABLE outbox;';

export class Initial1765100000000 implements MigrationInterface {
  name = 'Initial1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE referral (
        id uuid PRIMARY KEY,
        district_code text NOT NULL,
        categories text[] NOT NULL CHECK (cardinality(categories) BETWEEN 1 AND 3),
        urgency text NOT NULL CHECK (urgency IN ('acute', 'urgent', 'planned')),
        needs text[] NOT NULL DEFAULT '{}',
        earliest_date date,
        status text NOT NULL CHECK (status IN ('waiting', 'offered', 'placed', 'withdrawn')),
        withdrawal_reason text CHECK (withdrawal_reason IN ('no-longer-needed', 'placed-elsewhere', 'other')),
        sequence bigint NOT NULL CHECK (sequence >= 1),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT referral_withdrawal_reason_ck CHECK ((status = 'withdrawn') = (withdrawal_reason IS NOT NULL))
      );
      CREATE INDEX referral_district_idx ON referral (district_code, status);
      CREATE INDEX referral_waiting_idx ON referral (created_at) WHERE status = 'waiting';
      CREATE TABLE idempotency_key (
        principal text NOT NULL,
        key text NOT NULL,
        method text NOT NULL,
        route text,
        path text NOT NULL,
        body_hash text,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (principal, key)
      );
    `);
    await q.query(OUTBOX_UP_SQL);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(OUTBOX_DOWN_SQL);
    await q.query('DROP TABLE idempotency_key; DROP TABLE referral;');
  }
}
