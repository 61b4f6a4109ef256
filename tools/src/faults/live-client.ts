/**
 * A dashboard-like socket.io client of `/live`: subscribes to its scopes, keeps the newest state of each
 * (from the subscribe snapshot and from `capacity:changed`, by version), and when its connection drops
 * it reconnects the way a browser behind a load balancer would end up: to the next gateway that
 * answers, where it subscribes again and takes fresh snapshots.
 */
import type {
  CapacityChangedData,
  ClientToServerEvents,
  ServerToClientEvents,
  SubscribeAck,
  SubscribeRequest,
} from '@plass/contracts';
import { io, type Socket } from 'socket.io-client';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class LiveClient {
  /** Newest state per scope key. */
  readonly latest = new Map<string, CapacityChangedData>();
  /** Gateway URL the client is connected to, or null while it is not. */
  url: string | null = null;
  subscribed = false;
  changesReceived = 0;
  reconnects = 0;
  disconnectedAt: number | null = null;
  /** When the client last had every scope subscribed again after a disconnect. */
  recoveredAt: number | null = null;
  lastError: string | null = null;
  private socket: LiveSocket | null = null;
  private closed = false;

  constructor(
    readonly name: string,
    private readonly urls: string[],
    private readonly home: number,
    private readonly token: string,
    readonly scopes: SubscribeRequest[],
  ) {}

  scopeKey(request: SubscribeRequest): string {
    return request.scope === 'city' ? 'city' : `${request.scope}:${request.id}`;
  }

  async start(): Promise<void> {
    await this.connectAny(this.home, 60_000);
  }

  close(): void {
    this.closed = true;
    this.socket?.disconnect();
    this.socket = null;
  }

  /** Tries the gateways in turn from `first`, until one accepts and every scope is subscribed. */
  private async connectAny(first: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; !this.closed; attempt++) {
      const url = this.urls[(first + attempt) % this.urls.length];
      try {
        await this.connectTo(url);
        return;
      } catch (error) {
        this.lastError = `${url}: ${(error as Error).message}`;
        if (Date.now() >= deadline) throw new Error(`${this.name} could not reconnect: ${this.lastError}`);
        await sleep(250);
      }
    }
  }

  private async connectTo(url: string): Promise<void> {
    const socket: LiveSocket = io(`${url}/live`, {
      auth: { token: this.token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 3000,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    });
    socket.on('capacity:changed', (change) => {
      this.changesReceived += 1;
      this.apply(change);
    });
    socket.on('disconnect', () => {
      if (this.closed || this.socket !== socket) return;
      this.socket = null;
      this.url = null;
      this.subscribed = false;
      this.disconnectedAt = Date.now();
      this.reconnects += 1;
      // The gateway it was on is likely gone: start with the next one.
      const next = (this.urls.indexOf(url) + 1) % this.urls.length;
      this.connectAny(next, 60_000).catch((error: unknown) => {
        this.lastError = (error as Error).message;
      });
    });
    this.socket = socket;
    this.url = url;
    try {
      await this.subscribeAll(socket);
    } catch (error) {
      if (this.socket === socket) {
        this.socket = null;
        this.url = null;
      }
      socket.disconnect();
      throw error;
    }
    if (this.disconnectedAt !== null) this.recoveredAt = Date.now();
  }

  /** Subscribes to every scope, retrying while the snapshot cannot be fetched (bounded). */
  private async subscribeAll(socket: LiveSocket): Promise<void> {
    for (const request of this.scopes) {
      for (let attempt = 0; ; attempt++) {
        if (socket.disconnected) throw new Error('disconnected while subscribing');
        try {
          const ack = (await socket.timeout(5000).emitWithAck('subscribe', request)) as SubscribeAck;
          if (ack.ok) {
            this.apply(ack.snapshot);
            break;
          }
          this.lastError = ack.error;
        } catch (error) {
          this.lastError = (error as Error).message;
        }
        if (attempt >= 60)
          throw new Error(`subscribe ${this.scopeKey(request)} kept failing: ${this.lastError}`);
        await sleep(500);
      }
    }
    this.subscribed = true;
  }

  private apply(change: CapacityChangedData): void {
    const current = this.latest.get(change.key);
    if (!current || change.version >= current.version) this.latest.set(change.key, change);
  }
}
