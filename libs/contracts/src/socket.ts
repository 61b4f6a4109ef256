/** The typed socket.io event map of the `/live` namespace, shared by the gateway and the dashboard. */
import type { CapacityChangedData, Scope } from './events/capacity-changed';

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
}
