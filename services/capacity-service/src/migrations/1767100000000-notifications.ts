import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications outside the browser (ADR 0175): subscriptions (webhooks and e-mail) to alert codes within a
 * scope, one delivery row per matching subscription written in the transaction that stores the alert (a
 * transactional outbox), and every attempt of a delivery for the delivery log.
 */
export class Notifications1767100000000 implements MigrationInterface {
  name = 'Notifications1767100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_subscription (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('webhook', 'email')),
        -- The token subject of the person who made it: staff identity, never a resident's.
        owner_sub text NOT NULL,
        -- The district whose staff registered a webhook; null for intake and admin.
        district_code text,
        url text,
        -- Needed to sign each delivery; never answered by the API.
        secret text,
        address text,
        codes text[] NOT NULL,
        scope_type text NOT NULL,
        scope_id text,
        -- 'city' or the capacity scope key an alert's rooms must include.
        scope_key text NOT NULL,
        status text NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'failing')),
        consecutive_failures int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'webhook') = (url IS NOT NULL AND secret IS NOT NULL)),
        CHECK ((kind = 'email') = (address IS NOT NULL))
      );
      CREATE INDEX notification_subscription_owner_idx ON notification_subscription (kind, owner_sub);
      CREATE TABLE notification_delivery (
        id uuid PRIMARY KEY,
        subscription_id uuid NOT NULL REFERENCES notification_subscription (id) ON DELETE CASCADE,
        alert_id uuid NOT NULL,
        code text NOT NULL,
        transition text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz,
        last_status_code int,
        UNIQUE (subscription_id, alert_id, transition)
      );
      CREATE INDEX notification_delivery_due_idx ON notification_delivery (next_attempt_at)
        WHERE status = 'pending';
      CREATE INDEX notification_delivery_subscription_idx
        ON notification_delivery (subscription_id, created_at DESC);
      CREATE TABLE notification_attempt (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES notification_delivery (id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        status_code int,
        error text,
        duration_ms int NOT NULL
      );
      CREATE INDEX notification_attempt_delivery_idx ON notification_attempt (delivery_id, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE notification_attempt;
      DROP TABLE notification_delivery;
      DROP TABLE notification_subscription;
    `);
  }
}
