/** The typed socket.io event map of the `/live` namespace, shared by the gateway and the dashboard. */
import { z } from 'zod';
import { alertDataSchema } from './events/alert';
import { capacityChangedDataSchema, type CapacityChangedData, type Scope } from './events/capacity-changed';
import type { HousingChangedData } from './events/housing-changed';
import { referralStateSchema } from './events/referral';

export const LIVE_NAMESPACE = '/live';

/**
 * The W3C trace id (32 lowercase hex digits) of the change a push carries (ADR 0153): the trace of the
 * request that caused it, through the outbox, Kafka and the capacity service. Optional: a change replayed
 * from before tracing, or a client that ignores it, is as valid as before.
 */
export const traceIdSchema = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'a trace id is 32 lowercase hexadecimal digits')
  .refine((id) => !/^0+$/.test(id), 'the all-zero trace id is invalid')
  .meta({ description: 'W3C trace id of the change, for finding its trace and logs (`trace_id`).' });

/** `capacity:changed`: the scope's new totals, with the trace of the change. */
export const capacityChangedPushSchema = capacityChangedDataSchema.extend({
  traceId: traceIdSchema.optional(),
});
export type CapacityChangedPush = z.infer<typeof capacityChangedPushSchema>;

/** `alert:raised`, `alert:acknowledged`, `alert:resolved`: the alert after the transition, with its trace. */
export const alertPushSchema = alertDataSchema.safeExtend({ traceId: traceIdSchema.optional() });
export type AlertPush = z.infer<typeof alertPushSchema>;

/**
 * `intake:changed`: a referral after one change (created, offered, answered, expired, placed, withdrawn),
 * with the trace of the change. Pushed without a subscribe to the sockets whose user may read the
 * referral's district (intake and admin: every referral; district staff: their district's, ADR 0165).
 * Apply by `sequence`: a push whose sequence is not above the one held is old.
 */
export const intakeChangedPushSchema = referralStateSchema.safeExtend({ traceId: traceIdSchema.optional() });
export type IntakeChangedPush = z.infer<typeof intakeChangedPushSchema>;

/** The room of every referral (intake and admin join it on connect). */
export const REFERRALS_ALL_ROOM = 'referrals:all';
/** The room of one district's referrals (that district's staff join it on connect). */
export const referralsDistrictRoom = (districtCode: string) => `referrals:district:${districtCode}`;

export interface SubscribeRequest {
  scope: Scope;
  id?: string;
}

export type SubscribeAck = { ok: true; snapshot: CapacityChangedData } | { ok: false; error: string };

/** A fresh token for the same subject, sent before the current one expires. */
export interface ReauthenticateRequest {
  token: string;
}

/**
 * `ok: true`: the socket now runs on the new token until its `exp`; `left` lists the rooms the new
 * token may no longer read (the gateway left them). `ok: false`: nothing changed, the old expiry holds.
 */
export type ReauthenticateAck =
  { ok: true; expiresAt: number; left: string[] } | { ok: false; error: string };

/** The reason sent with `session:expired` before the gateway disconnects a socket whose token ran out. */
export const TOKEN_EXPIRED_REASON = 'token expired';

export interface SessionExpired {
  reason: typeof TOKEN_EXPIRED_REASON;
  /** The expired token's `exp`, in milliseconds since the epoch. */
  expiredAt: number;
}

export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, ack: (result: SubscribeAck) => void) => void;
  unsubscribe: (request: SubscribeRequest, ack?: (result: { ok: boolean }) => void) => void;
  /** Moves the socket to a new token of the same subject (the disconnect at `exp` moves with it). */
  reauthenticate: (request: ReauthenticateRequest, ack: (result: ReauthenticateAck) => void) => void;
}

export interface ServerToClientEvents {
  'capacity:changed': (payload: CapacityChangedPush) => void;
  /** An alert was raised, acknowledged or resolved; pushed to every room in `payload.rooms`. */
  'alert:raised': (payload: AlertPush) => void;
  'alert:acknowledged': (payload: AlertPush) => void;
  'alert:resolved': (payload: AlertPush) => void;
  /** An unresolved alert's measured figures changed (ADR 0172). */
  'alert:updated': (payload: AlertPush) => void;
  /** A referral changed; pushed to `referrals:all` and to `referrals:district:<its district>`. */
  'intake:changed': (payload: IntakeChangedPush) => void;
  /** A district's housing supply or need changed; pushed to `district:<code>` and `city`. */
  'housing:changed': (payload: HousingChangedData) => void;
  /**
   * The socket's token reached its `exp` without a `reauthenticate`: the gateway has left every room,
   * and disconnects the socket when the client acknowledges, or after a second (the client then sees
   * `disconnect` with "io server disconnect").
   */
  'session:expired': (payload: SessionExpired, ack: () => void) => void;
}
