/**
 * The socket.io `/live` namespace: token checked at the handshake, `subscribe` joins the scope's room
 * and answers with the scope's snapshot, changes are pushed to the rooms. Rooms are shared across
 * gateway instances through the Redis streams adapter, which also keeps connection state recovery
 * working when a client reconnects to another instance.
 */
import type { Server as HttpServer } from 'node:http';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { socketAuthMiddleware, TOKEN_VERIFIER, type AuthUser, type TokenVerifier } from '@plass/auth';
import {
  LIVE_NAMESPACE,
  type AlertData,
  type AlertTransition,
  type HousingChangedData,
  SCOPES,
  scopeKey,
  type CapacityChangedData,
  type ClientToServerEvents,
  type Scope,
  type ServerToClientEvents,
  type SubscribeAck,
  type SubscribeRequest,
} from '@plass/contracts';
import { LOGGER, type Logger } from '@plass/observability';
import { createClient } from 'redis';
import { Server, type Namespace, type Socket } from 'socket.io';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { SnapshotClient } from './snapshot.client';

interface SocketData {
  user?: AuthUser;
  token?: string;
}

type LiveNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

function validRequest(request: unknown): request is SubscribeRequest {
  if (typeof request !== 'object' || request === null) return false;
  const { scope, id } = request as { scope?: unknown; id?: unknown };
  if (!SCOPES.includes(scope as Scope)) return false;
  if (scope === 'city') return id === undefined || id === null;
  return typeof id === 'string' && /^[A-Za-z0-9_.:-]{1,100}$/.test(id);
}

@Injectable()
export class LiveServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private io: Server | null = null;
  private namespace: LiveNamespace | null = null;
  private redis: ReturnType<typeof createClient> | null = null;

  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(SnapshotClient) private readonly snapshots: SnapshotClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const io = new Server(this.adapterHost.httpAdapter.getHttpServer() as HttpServer, {
      cors: { origin: true, credentials: true },
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
      adapter: await this.redisAdapter(),
    });
    const namespace = io.of(LIVE_NAMESPACE) as LiveNamespace;
    namespace.use(socketAuthMiddleware(this.verifier));
    namespace.use((socket, next) => {
      const { token } = socket.handshake.auth as { token?: unknown };
      socket.data.token =
        typeof token === 'string'
          ? token
          : socket.handshake.headers.authorization?.replace(/^Bearer\s+/i, '');
      next();
    });
    namespace.on('connection', (socket) => this.onConnection(socket));
    this.io = io;
    this.namespace = namespace;
  }

  async onApplicationShutdown(): Promise<void> {
    const io = this.io;
    if (io) await new Promise<void>((resolve) => void io.close(() => resolve()));
    if (this.redis?.isOpen) this.redis.destroy();
  }

  /** Pushes a scope's change to every client in its room, on this instance only (each instance consumes every change). */
  publishCapacity(change: CapacityChangedData): void {
    this.namespace?.local.to(change.key).emit('capacity:changed', change);
  }

  /** A district's housing changed: pushed to that district's room and to the city room. */
  publishHousing(change: HousingChangedData): void {
    this.namespace?.local
      .to([scopeKey('district', change.districtCode), 'city'])
      .emit('housing:changed', change);
  }

  /** An alert changed: pushed to every room it concerns (its scope and the scopes above it). */
  publishAlert(event: `alert:${AlertTransition}`, alert: AlertData): void {
    this.namespace?.local.to(alert.rooms).emit(event, alert);
  }

  get connectedClients(): number {
    return this.namespace?.sockets.size ?? 0;
  }

  private onConnection(socket: LiveSocket): void {
    socket.on('subscribe', (request, ack) => {
      const reply = typeof ack === 'function' ? ack : () => undefined;
      this.subscribe(socket, request).then(reply, (error: unknown) => {
        this.logger.warn({ err: (error as Error).message, request }, 'subscribe failed');
        reply({ ok: false, error: 'the current numbers could not be fetched; try again' });
      });
    });
    socket.on('unsubscribe', (request, ack) => {
      if (validRequest(request)) void socket.leave(scopeKey(request.scope, request.id));
      if (typeof ack === 'function') ack({ ok: validRequest(request) });
    });
  }

  private async subscribe(socket: LiveSocket, request: unknown): Promise<SubscribeAck> {
    if (!validRequest(request)) {
      return {
        ok: false,
        error: `subscribe needs { scope } with scope one of ${SCOPES.join(', ')}, and an id for every scope but city`,
      };
    }
    const key = scopeKey(request.scope, request.id);
    // Join first, then read: a change that lands in between is pushed, and its version tells the client it is newer.
    await socket.join(key);
    const snapshot = await this.snapshots.fetch(request.scope, request.id, socket.data.token);
    if (!snapshot) {
      await socket.leave(key);
      return { ok: false, error: `no capacity is known for ${key}` };
    }
    return { ok: true, snapshot };
  }

  private async redisAdapter() {
    const client = createClient({
      url: this.config.redisUrl,
      socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) },
    });
    client.on('error', (error: Error) => this.logger.debug({ err: error.message }, 'redis unavailable'));
    try {
      await client.connect();
      this.redis = client;
      return createAdapter(client, { streamName: `${this.config.redisKeyPrefix}socket.io` });
    } catch (error) {
      this.logger.warn(
        { err: (error as Error).message },
        'redis not reachable: live updates stay local to this instance',
      );
      client.destroy();
      return undefined;
    }
  }
}
