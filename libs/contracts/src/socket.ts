/** The typed socket.io event map of the `/live` namespace, shared by the gateway and the dashboard. */
import type { AlertData } from './events/alert';
import type { CapacityChangedData, Scope } from './events/capacity-changed';
import type { HousingChangedData } from './events/housing-changed';

export const LIVE_NAMESPACE = '/live';

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
  'capacity:changed': (payload: CapacityChangedData) => void;
  /** An alert was raised, acknowledged or resolved; pushed to every room in `payload.rooms`. */
  'alert:raised': (payload: AlertData) => void;
  'alert:acknowledged': (payload: AlertData) => void;
  'alert:resolved': (payload: AlertData) => void;
  /** A district's housing supply or need changed; pushed to `district:<code>` and `city`. */
  'housing:changed': (payload: HousingChangedData) => void;
  /**
   * The socket's token reached its `exp` without a `reauthenticate`: the gateway has left every room,
   * and disconnects the socket when the client acknowledges, or after a second (the client then sees
   * `disconnect` with "io server disconnect").
   */
  'session:expired': (payload: SessionExpired, ack: () => void) => void;
}
