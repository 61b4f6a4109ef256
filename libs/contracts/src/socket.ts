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

export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, ack: (result: SubscribeAck) => void) => void;
  unsubscribe: (request: SubscribeRequest, ack?: (result: { ok: boolean }) => void) => void;
}

export interface ServerToClientEvents {
  'capacity:changed': (payload: CapacityChangedData) => void;
  /** An alert was raised, acknowledged or resolved; pushed to every room in `payload.rooms`. */
  'alert:raised': (payload: AlertData) => void;
  'alert:acknowledged': (payload: AlertData) => void;
  'alert:resolved': (payload: AlertData) => void;
  /** A district's housing supply or need changed; pushed to `district:<code>` and `city`. */
  'housing:changed': (payload: HousingChangedData) => void;
}
