/**
 * The socket.io `/live` namespace: token checked at the handshake, `subscribe` joins the scope's room
 * and answers with the scope's snapshot, changes are pushed to the rooms. Rooms are shared across
 * gateway instances through the Redis streams adapter, which also keeps connection state recovery
 * working when a client reconnects to another instance.
 *
 * A socket lives no longer than its token: at the token's `exp` the gateway sends `session:expired`
 * and disconnects it, unless the client sent `reauthenticate` with a newer token of the same subject
 * first (ADR 0115). Only the gateway's own origin and GATEWAY_ALLOWED_ORIGINS may open a socket
 * from a browser (ADR 0116).
 */
import type { Server as HttpServer } from 'node:http';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { socketAuthMiddleware, TOKEN_VERIFIER, type AuthUser, type TokenVerifier } from '@plass/auth';
import {
  LIVE_NAMESPACE,
  REFERRALS_ALL_ROOM,
  referralsDistrictRoom,
  TOKEN_EXPIRED_REASON,
  type ReauthenticateAck,
  type AlertData,
  type AlertPush,
  type AlertTransition,
  type HousingChangedData,
  type CapacityChangedData,
  type CapacityChangedPush,
  type ClientToServerEvents,
  type IntakeChangedPush,
  type ReferralState,
  type ServerToClientEvents,
  type SubscribeAck,
  type SubscribeRequest,
} from '@plass/contracts';
import {
  mayReadAllReferrals,
  mayReadReferrals,
  parseScopeKey,
  SCOPES,
  scopeKey,
  type Scope,
} from '@plass/domain';
import { counter, LOGGER, scrapedGauge, type Logger } from '@plass/observability';
import { createClient } from 'redis';
import { Server, type Namespace, type Socket } from 'socket.io';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { allowRequestFor, corsFor } from './origin-policy';
import { SnapshotClient, SnapshotRefused } from './snapshot.client';

interface SocketData {
  user?: AuthUser;
  token?: string;
  /** The token's `exp` in milliseconds since the epoch. */
  expiresAt?: number;
}

type LiveNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const socketsConnected = () =>
  scrapedGauge('plass_live_sockets_connected', 'Sockets connected to this gateway instance on /live');
const PUSHED_EVENTS = [
  'capacity:changed',
  'housing:changed',
  'alert:raised',
  'alert:acknowledged',
  'alert:resolved',
  'alert:updated',
  'intake:changed',
];
const pushes = () =>
  counter(
    'plass_live_pushes_total',
    'Server events sent to sockets on /live, one per socket reached, by event',
    ['event'],
  );

/** How many referrals' last pushed sequence an instance remembers (the oldest are forgotten first). */
export const REMEMBERED_REFERRALS = 50_000;

const isReferralRoom = (room: string) => room.startsWith('referrals:');

/**
 * The referral rooms a user belongs in (ADR 0165): intake and admin read every referral, district staff
 * their own district's; everyone else (institution staff, housing owners) none.
 */
export function referralRoomsOf(user: AuthUser | undefined): string[] {
  if (!user) return [];
  if (mayReadAllReferrals(user)) return [REFERRALS_ALL_ROOM];
  if (user.districtCode && mayReadReferrals(user, user.districtCode)) {
    return [referralsDistrictRoom(user.districtCode)];
  }
  return [];
}

/** setTimeout's longest delay (about 24.8 days); a later expiry is re-checked when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How long an expired socket may take to acknowledge `session:expired` before it is disconnected. */
const EXPIRED_GRACE_MS = 1000;

/** The `exp` of a token the verifier accepted, in milliseconds (the verifier requires the claim). */
export function tokenExpiresAt(token: string | undefined): number | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function handshakeToken(socket: LiveSocket): string | undefined {
  const { token } = socket.handshake.auth as { token?: unknown };
  return typeof token === 'string'
    ? token
    : socket.handshake.headers.authorization?.replace(/^Bearer\s+/i, '');
}

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
  /** The pending disconnect of every socket, at its token's expiry. */
  private readonly expiryTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Sockets told `session:expired` and about to be disconnected: a late `reauthenticate` cannot save them. */
  private readonly expired = new Set<string>();
  private removeMetrics: (() => void) | null = null;
  /** The last sequence pushed of every referral, so that a redelivered or older change is not pushed as new. */
  private readonly referralSequences = new Map<string, number>();

  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(SnapshotClient) private readonly snapshots: SnapshotClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const io = new Server(this.adapterHost.httpAdapter.getHttpServer() as HttpServer, {
      cors: corsFor(this.config.allowedOrigins),
      allowRequest: allowRequestFor(this.config.allowedOrigins),
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
      adapter: await this.redisAdapter(),
    });
    const namespace = io.of(LIVE_NAMESPACE) as LiveNamespace;
    namespace.use(socketAuthMiddleware(this.verifier));
    namespace.use((socket, next) => {
      socket.data.token = handshakeToken(socket);
      socket.data.expiresAt = tokenExpiresAt(socket.data.token);
      next();
    });
    namespace.on('connection', (socket) => this.onConnection(socket));
    this.io = io;
    this.namespace = namespace;
    for (const event of PUSHED_EVENTS) pushes().inc({ event }, 0);
    this.removeMetrics = socketsConnected().add(() => [{ value: this.connectedClients }]);
  }

  async onApplicationShutdown(): Promise<void> {
    this.removeMetrics?.();
    this.removeMetrics = null;
    for (const timer of this.expiryTimers.values()) clearTimeout(timer);
    this.expiryTimers.clear();
    const io = this.io;
    if (io) await new Promise<void>((resolve) => void io.close(() => resolve()));
    if (this.redis?.isOpen) this.redis.destroy();
  }

  /**
   * Pushes a scope's change to every client in its room, on this instance only (each instance consumes every
   * change), with the trace id of the change when it has one (ADR 0153).
   */
  publishCapacity(change: CapacityChangedData, traceId?: string): void {
    this.countPush('capacity:changed', [change.key]);
    const payload: CapacityChangedPush = traceId ? { ...change, traceId } : change;
    this.namespace?.local.to(change.key).emit('capacity:changed', payload);
  }

  /** A district's housing changed: pushed to that district's room and to the city room. */
  publishHousing(change: HousingChangedData): void {
    const rooms = [scopeKey('district', change.districtCode), 'city'];
    this.countPush('housing:changed', rooms);
    this.namespace?.local.to(rooms).emit('housing:changed', change);
  }

  /** An alert changed: pushed to every room it concerns (its scope and the scopes above it), with its trace id. */
  publishAlert(event: `alert:${AlertTransition}`, alert: AlertData, traceId?: string): void {
    this.countPush(event, alert.rooms);
    const payload: AlertPush = traceId ? { ...alert, traceId } : alert;
    this.namespace?.local.to(alert.rooms).emit(event, payload);
  }

  /**
   * A referral changed: pushed to the all-referrals room and to its district's room, on this instance only,
   * unless this instance has pushed the same or a later sequence of it already (a redelivery after a
   * rebalance). Returns whether it was pushed.
   */
  publishReferral(referral: ReferralState, traceId?: string): boolean {
    const last = this.referralSequences.get(referral.id);
    if (last !== undefined && referral.sequence <= last) return false;
    // Re-inserted so that the map's order is the order of the latest changes; the oldest are forgotten first.
    this.referralSequences.delete(referral.id);
    this.referralSequences.set(referral.id, referral.sequence);
    if (this.referralSequences.size > REMEMBERED_REFERRALS) {
      const oldest = this.referralSequences.keys().next();
      if (!oldest.done) this.referralSequences.delete(oldest.value);
    }
    const rooms = [REFERRALS_ALL_ROOM, referralsDistrictRoom(referral.districtCode)];
    this.countPush('intake:changed', rooms);
    const payload: IntakeChangedPush = traceId ? { ...referral, traceId } : referral;
    this.namespace?.local.to(rooms).emit('intake:changed', payload);
    return true;
  }

  /** Counts the sockets of this instance a push to `rooms` reaches (a socket in several rooms gets it once). */
  private countPush(event: string, rooms: string[]): void {
    const members = this.namespace?.adapter.rooms;
    if (!members) return;
    // One room (every capacity change) needs no union: its size is the count.
    if (rooms.length === 1) {
      const size = members.get(rooms[0])?.size ?? 0;
      if (size > 0) pushes().inc({ event }, size);
      return;
    }
    const reached = new Set<string>();
    for (const room of rooms) for (const id of members.get(room) ?? []) reached.add(id);
    if (reached.size > 0) pushes().inc({ event }, reached.size);
  }

  get connectedClients(): number {
    return this.namespace?.sockets.size ?? 0;
  }

  private onConnection(socket: LiveSocket): void {
    this.scheduleExpiry(socket);
    // Referral changes need no subscribe: the user's roles say which referrals the socket may see.
    void socket.join(referralRoomsOf(socket.data.user));
    socket.on('disconnect', () => {
      this.expired.delete(socket.id);
      clearTimeout(this.expiryTimers.get(socket.id));
      this.expiryTimers.delete(socket.id);
    });
    socket.on('reauthenticate', (request, ack) => {
      const reply = typeof ack === 'function' ? ack : () => undefined;
      this.reauthenticate(socket, request).then(reply, (error: unknown) => {
        this.logger.warn({ err: (error as Error).message }, 'reauthenticate failed');
        reply({ ok: false, error: 'the token could not be checked, try again' });
      });
    });
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
    // A subscribe that answers ok: false leaves the room again, whatever failed: nothing is pushed after it.
    let snapshot: CapacityChangedData | null;
    try {
      snapshot = await this.snapshots.fetch(request.scope, request.id, socket.data.token);
    } catch (error) {
      await socket.leave(key);
      if (error instanceof SnapshotRefused) return { ok: false, error: `not allowed to read ${key}` };
      throw error;
    }
    if (!snapshot) {
      await socket.leave(key);
      return { ok: false, error: `no capacity is known for ${key}` };
    }
    return { ok: true, snapshot };
  }

  /**
   * Takes a newer token of the same subject: the disconnect moves to its `exp`, and every room is
   * checked again with it (a room whose snapshot the new token may not read is left and listed).
   */
  private async reauthenticate(socket: LiveSocket, request: unknown): Promise<ReauthenticateAck> {
    const { token } = (typeof request === 'object' && request !== null ? request : {}) as { token?: unknown };
    if (typeof token !== 'string' || token === '')
      return { ok: false, error: 'reauthenticate needs { token }' };
    let user: AuthUser;
    try {
      user = await this.verifier.verify(token);
    } catch (error) {
      return { ok: false, error: `the token was refused: ${(error as Error).message}` };
    }
    if (user.sub !== socket.data.user?.sub) {
      return { ok: false, error: 'the token is for another subject; connect again with it instead' };
    }
    const expiresAt = tokenExpiresAt(token);
    if (expiresAt === undefined) return { ok: false, error: 'the token has no exp' };
    // Expired while the token was being checked: the disconnect is under way, connect again instead.
    if (!socket.connected || this.expired.has(socket.id)) {
      return { ok: false, error: 'the session has expired; connect again with the new token' };
    }
    socket.data.user = user;
    socket.data.token = token;
    socket.data.expiresAt = expiresAt;
    this.scheduleExpiry(socket);
    const left = [...(await this.recheckRooms(socket, token)), ...(await this.recheckReferralRooms(socket))];
    return { ok: true, expiresAt, left: left.sort() };
  }

  /** Leaves the rooms the token may no longer read; a capacity service that is down changes nothing. */
  private async recheckRooms(socket: LiveSocket, token: string): Promise<string[]> {
    const rooms = [...socket.rooms].filter((room) => room !== socket.id && !isReferralRoom(room));
    const left: string[] = [];
    await Promise.all(
      rooms.map(async (room) => {
        const { scope, id } = parseScopeKey(room);
        try {
          await this.snapshots.fetch(scope, id ?? undefined, token);
        } catch (error) {
          if (!(error instanceof SnapshotRefused)) return;
          await socket.leave(room);
          left.push(room);
        }
      }),
    );
    return left.sort();
  }

  /** Moves the socket to the referral rooms of its (new) user; returns the referral rooms it left. */
  private async recheckReferralRooms(socket: LiveSocket): Promise<string[]> {
    const allowed = referralRoomsOf(socket.data.user);
    const left = [...socket.rooms].filter((room) => isReferralRoom(room) && !allowed.includes(room));
    for (const room of left) await socket.leave(room);
    await socket.join(allowed);
    return left;
  }

  /**
   * Nothing more is pushed to an expired socket: it leaves its rooms at once. Then it is told why and
   * disconnected once the client acknowledges, or after EXPIRED_GRACE_MS. (With connection state
   * recovery every emit goes through the Redis adapter first, so a disconnect right after the emit
   * would overtake it and the client would never see the reason.)
   */
  private expire(socket: LiveSocket, expiresAt: number): void {
    this.expired.add(socket.id);
    for (const room of [...socket.rooms]) if (room !== socket.id) void socket.leave(room);
    socket
      .timeout(EXPIRED_GRACE_MS)
      .emit('session:expired', { reason: TOKEN_EXPIRED_REASON, expiredAt: expiresAt }, () =>
        socket.disconnect(),
      );
  }

  /** Disconnects the socket at its token's expiry, saying why first; replaces any earlier timer. */
  private scheduleExpiry(socket: LiveSocket): void {
    clearTimeout(this.expiryTimers.get(socket.id));
    this.expiryTimers.delete(socket.id);
    const expiresAt = socket.data.expiresAt;
    if (expiresAt === undefined) return;
    const timer = setTimeout(
      () => {
        this.expiryTimers.delete(socket.id);
        if (!socket.connected) return;
        if (Date.now() < expiresAt) return this.scheduleExpiry(socket);
        this.expire(socket, expiresAt);
      },
      Math.min(Math.max(expiresAt - Date.now(), 0), MAX_TIMER_MS),
    );
    timer.unref();
    this.expiryTimers.set(socket.id, timer);
  }

  protected async redisAdapter() {
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
