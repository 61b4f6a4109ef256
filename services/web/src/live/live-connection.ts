/**
 * One socket.io connection to the gateway's `/live` namespace (ARCHITECTURE.md §5) for the signed-in
 * user. It keeps the newest state of every subscribed scope by version: a pushed `capacity:changed`
 * replaces what is shown only when its version is newer. On every (re)connect it subscribes again and
 * takes fresh snapshots, so the numbers are right after a network break.
 */
import { LIVE_NAMESPACE } from '@plass/contracts/socket';
import type {
  AlertData,
  CapacityChangedData,
  ClientToServerEvents,
  HousingChangedData,
  IntakeChangedPush,
  ReauthenticateAck,
  ServerToClientEvents,
  SubscribeAck,
  SubscribeRequest,
} from '@plass/contracts';
import { scopeKey } from '@plass/domain';
import { io, type Socket } from 'socket.io-client';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

export type AlertTransition = 'raised' | 'acknowledged' | 'updated' | 'resolved';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface ScopeEntry {
  request: SubscribeRequest;
  subscribers: number;
  data: CapacityChangedData | null;
  /** -1 while (re)subscribing: the snapshot or any push is taken, whichever is newest. */
  version: number;
  /** The gateway knows no capacity for the scope yet (no unit in it): try again later. */
  unknown: boolean;
  inFlight: boolean;
}

const SUBSCRIBE_TIMEOUT_MS = 5000;
const RETRY_UNKNOWN_MS = 30_000;

export class LiveConnection {
  private readonly socket: LiveSocket;
  private readonly scopes = new Map<string, ScopeEntry>();
  private readonly listeners = new Set<() => void>();
  private readonly alertListeners = new Set<(transition: AlertTransition, alert: AlertData) => void>();
  private readonly housingListeners = new Set<(change: HousingChangedData) => void>();
  private readonly referralListeners = new Set<(change: IntakeChangedPush) => void>();
  private readonly reconnectListeners = new Set<() => void>();
  private connectedBefore = false;
  private statusValue: ConnectionStatus = 'connecting';
  private errorValue: string | null = null;
  private revisionValue = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private token: string,
    private readonly onRefused: (message: string) => void = () => undefined,
    url = LIVE_NAMESPACE,
  ) {
    this.socket = io(url, {
      auth: { token },
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    this.socket.on('connect', () => {
      this.setStatus('live', null);
      this.resubscribeAll();
      // Referral changes while disconnected are not replayed: whoever shows referrals reads them again.
      if (this.connectedBefore) for (const listener of this.reconnectListeners) listener();
      this.connectedBefore = true;
    });
    this.socket.on('disconnect', (reason) => {
      if (this.closed) return;
      if (reason === 'io server disconnect') {
        // The server closed this socket on purpose; socket.io does not retry that by itself.
        this.setStatus('reconnecting', null);
        setTimeout(() => this.socket.connect(), 1000);
        return;
      }
      this.setStatus(navigator.onLine === false ? 'offline' : 'reconnecting', null);
    });
    this.socket.on('connect_error', (error) => {
      if (this.closed) return;
      if (!this.socket.active) {
        // Refused at the handshake (token missing, expired or invalid): retrying will not help.
        this.setStatus('offline', error.message);
        this.onRefused(error.message);
        return;
      }
      this.setStatus(navigator.onLine === false ? 'offline' : 'reconnecting', null);
    });
    this.socket.on('session:expired', (_expired, ack) => {
      // The gateway has left every room and disconnects next; the reconnect after it takes the token
      // the session was renewed with, or is refused and signs the user out (onRefused).
      ack();
      this.setStatus('reconnecting', null);
    });
    this.socket.on('capacity:changed', (change) => this.apply(change, false));
    this.socket.on('alert:raised', (alert) => this.emitAlert('raised', alert));
    this.socket.on('alert:acknowledged', (alert) => this.emitAlert('acknowledged', alert));
    this.socket.on('alert:resolved', (alert) => this.emitAlert('resolved', alert));
    this.socket.on('alert:updated', (alert) => this.emitAlert('updated', alert));
    this.socket.on('housing:changed', (change) => {
      for (const listener of this.housingListeners) listener(change);
    });
    // Joined on connect by the user's role (ADR 0165): no subscribe.
    this.socket.on('intake:changed', (change) => {
      for (const listener of this.referralListeners) listener(change);
    });
    window.addEventListener('offline', this.onOffline);
    window.addEventListener('online', this.onOnline);
  }

  get status(): ConnectionStatus {
    return this.statusValue;
  }

  /** Why the gateway refused the connection, when it did. */
  get error(): string | null {
    return this.errorValue;
  }

  /** Rises with every change of anything this connection holds (for useSyncExternalStore). */
  get revision(): number {
    return this.revisionValue;
  }

  scope(key: string): CapacityChangedData | null {
    return this.scopes.get(key)?.data ?? null;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onAlert(listener: (transition: AlertTransition, alert: AlertData) => void): () => void {
    this.alertListeners.add(listener);
    return () => this.alertListeners.delete(listener);
  }

  onHousing(listener: (change: HousingChangedData) => void): () => void {
    this.housingListeners.add(listener);
    return () => this.housingListeners.delete(listener);
  }

  /** Every referral change the user may read (`intake:changed`); apply by `sequence`. */
  onReferral(listener: (change: IntakeChangedPush) => void): () => void {
    this.referralListeners.add(listener);
    return () => this.referralListeners.delete(listener);
  }

  /** Called after every reconnect (not the first connect): what was pushed meanwhile is lost. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /** Joins the scope's room (shared by every caller); the returned function leaves it. */
  subscribe(request: SubscribeRequest): () => void {
    const key = scopeKey(request.scope, request.id);
    let entry = this.scopes.get(key);
    if (!entry) {
      entry = { request, subscribers: 0, data: null, version: -1, unknown: false, inFlight: false };
      this.scopes.set(key, entry);
    }
    entry.subscribers += 1;
    if (entry.subscribers === 1 && this.socket.connected) this.sendSubscribe(key, entry);
    return () => {
      const current = this.scopes.get(key);
      if (!current) return;
      current.subscribers -= 1;
      if (current.subscribers > 0) return;
      this.scopes.delete(key);
      if (this.socket.connected) this.socket.emit('unsubscribe', request);
    };
  }

  /** Seeds a scope with a state read over REST (e.g. the summary); kept only if newer. */
  seed(snapshot: CapacityChangedData): void {
    const entry = this.scopes.get(snapshot.key);
    if (entry && snapshot.version > entry.version && entry.data === null) {
      entry.data = snapshot;
      this.touch();
    }
  }

  /**
   * Moves the socket to a renewed token of the same user (`reauthenticate`), so the gateway does not
   * disconnect it at the old token's expiry; every later reconnect uses it too. When the gateway
   * refuses, the socket reconnects with the new token and subscribes again.
   */
  async reauthenticate(token: string): Promise<void> {
    if (token === this.token) return;
    this.token = token;
    this.socket.auth = { token };
    if (!this.socket.connected) return;
    try {
      // socket.io-client types the answer of emitWithAck after timeout() as any; the event map says what it is.
      const ack = (await this.socket
        .timeout(SUBSCRIBE_TIMEOUT_MS)
        .emitWithAck('reauthenticate', { token })) as ReauthenticateAck;
      if (!ack.ok) return this.reconnect();
      // Rooms the new token may not read were left: show nothing there rather than stale numbers.
      for (const key of ack.left) {
        const entry = this.scopes.get(key);
        if (!entry) continue;
        entry.data = null;
        entry.version = -1;
        entry.unknown = true;
      }
      if (ack.left.length > 0) this.touch();
    } catch {
      if (!this.closed) this.reconnect();
    }
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('online', this.onOnline);
    this.socket.disconnect();
    this.listeners.clear();
    this.alertListeners.clear();
    this.housingListeners.clear();
    this.referralListeners.clear();
    this.reconnectListeners.clear();
  }

  private reconnect(): void {
    if (this.closed) return;
    this.socket.disconnect();
    this.socket.connect();
  }

  private readonly onOffline = () => this.setStatus('offline', null);
  private readonly onOnline = () => {
    if (this.socket.connected) this.setStatus('live', null);
    else {
      this.setStatus('reconnecting', null);
      this.socket.connect();
    }
  };

  private apply(change: CapacityChangedData, fromSnapshot: boolean): void {
    const entry = this.scopes.get(change.key);
    if (!entry) return;
    const newer = fromSnapshot ? change.version >= entry.version : change.version > entry.version;
    if (!newer) return;
    entry.data = change;
    entry.version = change.version;
    entry.unknown = false;
    this.touch();
  }

  private resubscribeAll(): void {
    for (const [key, entry] of this.scopes) {
      // Keep showing the last numbers, but take whatever the snapshot or a push says next.
      entry.version = -1;
      this.sendSubscribe(key, entry);
    }
  }

  private sendSubscribe(key: string, entry: ScopeEntry): void {
    if (entry.inFlight) return;
    entry.inFlight = true;
    this.socket
      .timeout(SUBSCRIBE_TIMEOUT_MS)
      .emitWithAck('subscribe', entry.request)
      .then(
        (ack: SubscribeAck) => {
          entry.inFlight = false;
          if (this.scopes.get(key) !== entry) return;
          if (ack.ok) this.apply(ack.snapshot, true);
          else {
            // The gateway left the room again: ask later, when units may exist in the scope.
            entry.unknown = true;
            this.scheduleRetry();
          }
        },
        () => {
          entry.inFlight = false;
          if (this.scopes.get(key) === entry && this.socket.connected) this.scheduleRetry();
        },
      );
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.socket.connected) return;
      for (const [key, entry] of this.scopes) {
        if (entry.unknown || entry.version < 0) this.sendSubscribe(key, entry);
      }
    }, RETRY_UNKNOWN_MS);
  }

  private emitAlert(transition: AlertTransition, alert: AlertData): void {
    for (const listener of this.alertListeners) listener(transition, alert);
  }

  private setStatus(status: ConnectionStatus, error: string | null): void {
    if (this.statusValue === status && this.errorValue === error) return;
    this.statusValue = status;
    this.errorValue = error;
    this.touch();
  }

  private touch(): void {
    this.revisionValue += 1;
    for (const listener of this.listeners) listener();
  }
}
