/** SQL of notifications: subscriptions, the delivery outbox, and each attempt for the delivery log. */
import { Injectable } from '@nestjs/common';
import type {
  AlertData,
  AlertTransition,
  DeliveryStatus,
  EmailSubscription,
  NotificationScope,
  NotificationScopeType,
  SubscriptionStatus,
  Webhook,
  WebhookDelivery,
} from '@plass/contracts';
import type { AlertCode, DistrictCode } from '@plass/domain';
import type { EntityManager } from 'typeorm';

export type SubscriptionKind = 'webhook' | 'email';

interface SubscriptionRow {
  id: string;
  kind: SubscriptionKind;
  owner_sub: string;
  district_code: DistrictCode | null;
  url: string | null;
  secret: string | null;
  address: string | null;
  codes: AlertCode[];
  scope_type: NotificationScopeType;
  scope_id: string | null;
  scope_key: string;
  status: SubscriptionStatus;
  consecutive_failures: number;
  created_at: Date;
  last_at: Date | null;
  last_status_code: number | null;
  last_ok: boolean | null;
}

export interface NewSubscription {
  id: string;
  kind: SubscriptionKind;
  ownerSub: string;
  districtCode: DistrictCode | null;
  url?: string;
  secret?: string;
  address?: string;
  codes: AlertCode[];
  scope: NotificationScope;
  scopeKey: string;
}

/** A delivery the worker has claimed, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  kind: SubscriptionKind;
  url: string | null;
  secret: string | null;
  address: string | null;
  subscriptionStatus: SubscriptionStatus;
  transition: AlertTransition;
  payload: AlertData;
  attempts: number;
}

export interface AttemptResult {
  at: Date;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

const SUBSCRIPTION_COLUMNS = `s.*, last.at AS last_at, last.status_code AS last_status_code, last.ok AS last_ok`;
/** The newest attempt of the subscription's deliveries. */
const LAST_ATTEMPT = `LEFT JOIN LATERAL (
    SELECT a.at, a.status_code, (a.error IS NULL AND (a.status_code IS NULL OR a.status_code BETWEEN 200 AND 299)) AS ok
      FROM notification_delivery d JOIN notification_attempt a ON a.delivery_id = d.id
     WHERE d.subscription_id = s.id ORDER BY a.at DESC, a.id DESC LIMIT 1
  ) last ON true`;

@Injectable()
export class NotificationRepository {
  async insertSubscription(manager: EntityManager, s: NewSubscription): Promise<void> {
    await manager.query(
      `INSERT INTO notification_subscription (id, kind, owner_sub, district_code, url, secret, address, codes,
         scope_type, scope_id, scope_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        s.id,
        s.kind,
        s.ownerSub,
        s.districtCode,
        s.url ?? null,
        s.secret ?? null,
        s.address ?? null,
        s.codes,
        s.scope.type,
        s.scope.id ?? null,
        s.scopeKey,
      ],
    );
  }

  async webhooks(manager: EntityManager, districtCode?: DistrictCode): Promise<Webhook[]> {
    const rows = await manager.query<SubscriptionRow[]>(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM notification_subscription s ${LAST_ATTEMPT}
        WHERE s.kind = 'webhook' AND ($1::text IS NULL OR s.district_code = $1)
        ORDER BY s.created_at DESC, s.id`,
      [districtCode ?? null],
    );
    return rows.map(toWebhook);
  }

  async emailSubscriptions(manager: EntityManager, ownerSub: string): Promise<EmailSubscription[]> {
    const rows = await manager.query<SubscriptionRow[]>(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM notification_subscription s ${LAST_ATTEMPT}
        WHERE s.kind = 'email' AND s.owner_sub = $1 ORDER BY s.created_at DESC, s.id`,
      [ownerSub],
    );
    return rows.map(toEmail);
  }

  async findSubscription(
    manager: EntityManager,
    kind: SubscriptionKind,
    id: string,
  ): Promise<{ id: string; ownerSub: string; districtCode: DistrictCode | null } | null> {
    const rows = await manager.query<SubscriptionRow[]>(
      'SELECT * FROM notification_subscription WHERE id = $1 AND kind = $2',
      [id, kind],
    );
    const r = rows[0];
    return r ? { id: r.id, ownerSub: r.owner_sub, districtCode: r.district_code } : null;
  }

  async deleteSubscription(manager: EntityManager, id: string): Promise<void> {
    await manager.query('DELETE FROM notification_subscription WHERE id = $1', [id]);
  }

  async deliveries(manager: EntityManager, subscriptionId: string, limit = 100): Promise<WebhookDelivery[]> {
    const rows = await manager.query<
      {
        id: string;
        alert_id: string;
        code: AlertCode;
        transition: AlertTransition;
        status: DeliveryStatus;
        created_at: Date;
        next_attempt_at: Date | null;
        attempts: { at: string; statusCode: number | null; error: string | null; durationMs: number }[];
      }[]
    >(
      `SELECT d.id, d.alert_id, d.code, d.transition, d.status, d.created_at,
              CASE WHEN d.status = 'pending' THEN d.next_attempt_at END AS next_attempt_at,
              coalesce((SELECT json_agg(json_build_object('at', a.at, 'statusCode', a.status_code,
                          'error', a.error, 'durationMs', a.duration_ms) ORDER BY a.id)
                          FROM notification_attempt a WHERE a.delivery_id = d.id), '[]') AS attempts
         FROM notification_delivery d WHERE d.subscription_id = $1
        ORDER BY d.created_at DESC, d.id LIMIT $2`,
      [subscriptionId, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      alertId: r.alert_id,
      code: r.code,
      transition: r.transition,
      status: r.status,
      createdAt: r.created_at.toISOString(),
      nextAttemptAt: r.next_attempt_at?.toISOString() ?? null,
      attempts: r.attempts.map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
    }));
  }

  /**
   * The outbox write, inside the alert's transaction: one pending delivery per subscription whose codes
   * include the alert's and whose scope is among its rooms (or the city). Returns how many.
   */
  async enqueue(
    manager: EntityManager,
    changes: { alert: AlertData; transition: AlertTransition }[],
  ): Promise<number> {
    let count = 0;
    for (const { alert, transition } of changes) {
      const rows = await manager.query<{ id: string }[]>(
        `INSERT INTO notification_delivery (id, subscription_id, alert_id, code, transition, payload, next_attempt_at)
         SELECT gen_random_uuid(), s.id, $1, $2, $3, $4::jsonb, now()
           FROM notification_subscription s
          WHERE $2 = ANY(s.codes)
            AND (s.scope_key = 'city' OR s.scope_key = $5 OR s.scope_key = ANY($6::text[]))
         ON CONFLICT (subscription_id, alert_id, transition) DO NOTHING
         RETURNING id`,
        [alert.id, alert.code, transition, JSON.stringify(alert), alert.scopeKey, alert.rooms],
      );
      count += rows.length;
    }
    return count;
  }

  /**
   * Claims up to `limit` due deliveries (FOR UPDATE SKIP LOCKED: replicas share the work) by moving their
   * due time `leaseMs` ahead, so a worker that dies mid-send leaves them to be tried again.
   */
  async claimDue(manager: EntityManager, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const rows = await manager.query<
      {
        id: string;
        subscription_id: string;
        kind: SubscriptionKind;
        url: string | null;
        secret: string | null;
        address: string | null;
        subscription_status: SubscriptionStatus;
        transition: AlertTransition;
        payload: AlertData;
        attempts: number;
      }[]
    >(
      `WITH due AS (
         SELECT id FROM notification_delivery
          WHERE status = 'pending' AND next_attempt_at <= now()
          ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE notification_delivery d SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
           FROM due WHERE d.id = due.id
         RETURNING d.*
       )
       SELECT c.id, c.subscription_id, s.kind, s.url, s.secret, s.address, s.status AS subscription_status,
              c.transition, c.payload, c.attempts
         FROM claimed c JOIN notification_subscription s ON s.id = c.subscription_id`,
      [limit, leaseMs],
    );
    return rows.map((r) => ({
      id: r.id,
      subscriptionId: r.subscription_id,
      kind: r.kind,
      url: r.url,
      secret: r.secret,
      address: r.address,
      subscriptionStatus: r.subscription_status,
      transition: r.transition,
      payload: r.payload,
      attempts: r.attempts,
    }));
  }

  /**
   * Records one attempt. A success delivers and clears the subscription's failures. A failure is retried
   * at `retryAt`, unless it was the last allowed attempt (the subscription is then marked failing) or the
   * subscription is failing already (one attempt only until a success).
   */
  async recordAttempt(
    manager: EntityManager,
    delivery: ClaimedDelivery,
    result: AttemptResult,
    maxAttempts: number,
    retryAt: Date,
  ): Promise<{ gaveUp: boolean; markedFailing: boolean }> {
    await manager.query(
      `INSERT INTO notification_attempt (delivery_id, at, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5)`,
      [delivery.id, result.at, result.statusCode, result.error, result.durationMs],
    );
    if (result.ok) {
      await manager.query(
        `UPDATE notification_delivery SET status = 'delivered', attempts = attempts + 1, next_attempt_at = NULL,
           last_attempt_at = $2, last_status_code = $3 WHERE id = $1`,
        [delivery.id, result.at, result.statusCode],
      );
      await manager.query(
        `UPDATE notification_subscription SET status = 'ok', consecutive_failures = 0 WHERE id = $1`,
        [delivery.subscriptionId],
      );
      return { gaveUp: false, markedFailing: false };
    }
    const [sub] = await manager.query<{ status: SubscriptionStatus }[]>(
      'SELECT status FROM notification_subscription WHERE id = $1 FOR UPDATE',
      [delivery.subscriptionId],
    );
    const attempts = delivery.attempts + 1;
    const exhausted = attempts >= maxAttempts;
    const gaveUp = exhausted || sub?.status === 'failing';
    // Only while the delivery is still as this claim found it (ADR 0210): when the claim's lease ran out
    // before this attempt was recorded, another worker (another replica) may have claimed it again and
    // recorded a later attempt or its success, which a late failure must not overwrite.
    const [updated] = await manager.query<[{ id: string }[], number]>(
      `UPDATE notification_delivery SET status = $2, attempts = $3, next_attempt_at = $4,
         last_attempt_at = $5, last_status_code = $6
        WHERE id = $1 AND status = 'pending' AND attempts = $7
       RETURNING id`,
      [
        delivery.id,
        gaveUp ? 'failed' : 'pending',
        attempts,
        gaveUp ? null : retryAt,
        result.at,
        result.statusCode,
        delivery.attempts,
      ],
    );
    if (updated.length === 0) return { gaveUp: false, markedFailing: false };
    const markedFailing = exhausted && sub?.status !== 'failing';
    await manager.query(
      `UPDATE notification_subscription SET consecutive_failures = consecutive_failures + 1,
         status = CASE WHEN $2 THEN 'failing' ELSE status END WHERE id = $1`,
      [delivery.subscriptionId, exhausted],
    );
    return { gaveUp, markedFailing };
  }
}

function scopeOf(r: SubscriptionRow): NotificationScope {
  return r.scope_type === 'city' ? { type: 'city' } : { type: r.scope_type, id: r.scope_id ?? undefined };
}

function lastDeliveryOf(r: SubscriptionRow) {
  return r.last_at
    ? { at: r.last_at.toISOString(), statusCode: r.last_status_code, ok: r.last_ok === true }
    : null;
}

function toWebhook(r: SubscriptionRow): Webhook {
  return {
    id: r.id,
    url: r.url ?? '',
    codes: r.codes,
    scope: scopeOf(r),
    districtCode: r.district_code,
    status: r.status,
    consecutiveFailures: r.consecutive_failures,
    createdAt: r.created_at.toISOString(),
    lastDelivery: lastDeliveryOf(r),
  };
}

function toEmail(r: SubscriptionRow): EmailSubscription {
  return {
    id: r.id,
    address: r.address ?? '',
    codes: r.codes,
    scope: scopeOf(r),
    status: r.status,
    consecutiveFailures: r.consecutive_failures,
    createdAt: r.created_at.toISOString(),
    lastDelivery: lastDeliveryOf(r),
  };
}
