/**
 * The `/live` namespace on a real socket.io server and real tokens (the development key), with the
 * capacity service's snapshot read faked: token expiry and `reauthenticate`, failed subscribes, and
 * which browser origins may open a socket.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpAdapterHost } from '@nestjs/core';
import { authConfigFromEnv, createTokenVerifier, signDevToken } from '@plass/auth';
import {
  TOKEN_EXPIRED_REASON,
  type CapacityChangedData,
  type CapacityChangedPush,
  type ClientToServerEvents,
  type IntakeChangedPush,
  type ReferralState,
  type Scope,
  type ServerToClientEvents,
  type SessionExpired,
} from '@plass/contracts';
import { metricsRegistry } from '@plass/observability';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { loadConfig } from '../config';
import { LiveServer } from './live.server';
import { SnapshotRefused, type SnapshotClient } from './snapshot.client';

type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

class LocalLiveServer extends LiveServer {
  protected override redisAdapter() {
    return Promise.resolve(undefined);
  }
}

function snapshotOf(key: string, version = 1): CapacityChangedData {
  return { key, version } as unknown as CapacityChangedData;
}

/** The fake capacity service: knows every scope but `unit:unknown`, fails for `unit:broken`. */
const refusedTokens = new Set<string>();
const snapshots = {
  fetch: jest.fn((scope: Scope, id: string | undefined, token: string | undefined) => {
    const key = scope === 'city' ? 'city' : `${scope}:${id}`;
    if (token && refusedTokens.has(`${token}|${key}`)) return Promise.reject(new SnapshotRefused(403));
    if (key === 'unit:unknown') return Promise.resolve(null);
    if (key === 'unit:broken') return Promise.reject(new Error('capacity-service answered 503'));
    if (key === 'unit:forbidden') return Promise.reject(new SnapshotRefused(403));
    return Promise.resolve(snapshotOf(key));
  }),
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(assertion: () => Promise<void>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(20);
    }
  }
}

const user = (sub: string) => ({ sub, roles: ['intake' as const], institutionIds: [], districtCode: null });

describe('LiveServer', () => {
  let http: HttpServer;
  let live: LiveServer;
  let url: string;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    http = createServer();
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    live = new LocalLiveServer(
      { httpAdapter: { getHttpServer: () => http } } as unknown as HttpAdapterHost,
      createTokenVerifier(authConfigFromEnv()),
      snapshots as unknown as SnapshotClient,
      loadConfig({ GATEWAY_ALLOWED_ORIGINS: 'https://plass.example.no' }),
      pino({ level: 'silent' }),
    );
    await live.onApplicationBootstrap();
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });

  afterAll(async () => {
    await live.onApplicationShutdown();
    http.close();
  });

  async function connect(token: string, extraHeaders: Record<string, string> = {}): Promise<LiveClient> {
    const client: LiveClient = io(`${url}/live`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      extraHeaders,
    });
    clients.push(client);
    await new Promise<void>((resolve, reject) => {
      client.once('connect', resolve);
      client.once('connect_error', reject);
    });
    return client;
  }

  /** Every `capacity:changed` the client receives, by key. */
  function pushesTo(client: LiveClient): string[] {
    const keys: string[] = [];
    client.on('capacity:changed', (change) => keys.push(change.key));
    return keys;
  }

  describe('subscribe', () => {
    it('pushes the changes of a scope after a subscribe that succeeded', async () => {
      const client = await connect(await signDevToken(user('ok-user')));
      const pushes = pushesTo(client);
      const ack = await client.emitWithAck('subscribe', { scope: 'unit', id: 'u1' });
      expect(ack).toEqual({ ok: true, snapshot: snapshotOf('unit:u1') });
      live.publishCapacity(snapshotOf('unit:u1', 2));
      await sleep(200);
      expect(pushes).toEqual(['unit:u1']);
    });

    it('adds the trace id of a change to its push, and nothing to a change without one', async () => {
      const client = await connect(await signDevToken(user('trace-user')));
      const received: CapacityChangedPush[] = [];
      client.on('capacity:changed', (change) => received.push(change));
      await client.emitWithAck('subscribe', { scope: 'unit', id: 'traced' });
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      live.publishCapacity(snapshotOf('unit:traced', 2), traceId);
      live.publishCapacity(snapshotOf('unit:traced', 3));
      await eventually(() => Promise.resolve(expect(received).toHaveLength(2)));
      expect(received[0]).toEqual({ ...snapshotOf('unit:traced', 2), traceId });
      expect(received[1]).toEqual(snapshotOf('unit:traced', 3));
      expect('traceId' in received[1]).toBe(false);
    });

    it.each([
      ['no capacity is known', { scope: 'unit', id: 'unknown' }, /no capacity is known/],
      ['the snapshot read fails', { scope: 'unit', id: 'broken' }, /could not be fetched/],
      ['the token may not read the scope', { scope: 'unit', id: 'forbidden' }, /not allowed/],
      ['the request is invalid', { scope: 'unit' }, /subscribe needs/],
    ])('answers ok: false and pushes nothing afterwards when %s', async (_case, request, error) => {
      const client = await connect(await signDevToken(user('failing-user')));
      const pushes = pushesTo(client);
      const ack = await client.emitWithAck('subscribe', request as { scope: Scope; id?: string });
      expect(ack).toEqual({ ok: false, error: expect.stringMatching(error) as string });
      live.publishCapacity(snapshotOf(`unit:${(request as { id?: string }).id ?? ''}`, 2));
      live.publishCapacity(snapshotOf('unit:', 2));
      await sleep(200);
      expect(pushes).toEqual([]);
    });
  });

  describe('intake:changed', () => {
    let n = 0;
    /** A waiting referral of `districtCode` (a fresh id each time), at `sequence`. */
    function referral(districtCode: ReferralState['districtCode'], sequence = 1): ReferralState {
      n += 1;
      return {
        id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        districtCode,
        categories: ['acute'],
        urgency: 'urgent',
        needs: [],
        earliestDate: null,
        status: 'waiting',
        withdrawalReason: null,
        offer: null,
        stayId: null,
        placedAt: null,
        createdAt: '2026-12-01T08:00:00.000Z',
        updatedAt: '2026-12-01T08:00:00.000Z',
        sequence,
      };
    }
    const districtStaff = (sub: string, districtCode: '030101' | '030102') => ({
      sub,
      roles: ['district-staff' as const],
      institutionIds: [],
      districtCode,
    });
    function receivedBy(client: LiveClient): IntakeChangedPush[] {
      const received: IntakeChangedPush[] = [];
      client.on('intake:changed', (push) => received.push(push));
      return received;
    }

    it('pushes a referral to intake, admin and its own district, not to another district or an institution', async () => {
      const intake = receivedBy(await connect(await signDevToken(user('referral-intake'))));
      const admin = receivedBy(
        await connect(await signDevToken({ ...user('referral-admin'), roles: ['admin'] })),
      );
      const own = receivedBy(await connect(await signDevToken(districtStaff('referral-own', '030101'))));
      const other = receivedBy(await connect(await signDevToken(districtStaff('referral-other', '030102'))));
      const institution = receivedBy(
        await connect(
          await signDevToken({
            ...user('referral-inst'),
            roles: ['institution-staff'],
            institutionIds: ['00000000-0000-4000-8000-0000000000aa'],
          }),
        ),
      );
      const change = referral('030101');
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      expect(live.publishReferral(change, traceId)).toBe(true);
      await eventually(() => Promise.resolve(expect(own).toHaveLength(1)));
      await eventually(() => Promise.resolve(expect(intake).toHaveLength(1)));
      await eventually(() => Promise.resolve(expect(admin).toHaveLength(1)));
      expect(own[0]).toEqual({ ...change, traceId });
      await sleep(200);
      expect(other).toEqual([]);
      expect(institution).toEqual([]);
    });

    it('does not push a change again, nor one older than the last pushed', async () => {
      const received = receivedBy(await connect(await signDevToken(user('referral-order'))));
      const first = referral('030101', 2);
      expect(live.publishReferral(first)).toBe(true);
      expect(live.publishReferral(first)).toBe(false);
      expect(live.publishReferral({ ...first, sequence: 1 })).toBe(false);
      expect(
        live.publishReferral({ ...first, sequence: 3, status: 'withdrawn', withdrawalReason: 'other' }),
      ).toBe(true);
      await eventually(() => Promise.resolve(expect(received).toHaveLength(2)));
      await sleep(200);
      expect(received.map((push) => push.sequence)).toEqual([2, 3]);
    });

    it('moves a socket to the referral rooms of its new token when it reauthenticates', async () => {
      const client = await connect(await signDevToken(districtStaff('referral-moved', '030101')));
      const received = receivedBy(client);
      const ack = await client.emitWithAck('reauthenticate', {
        token: await signDevToken(districtStaff('referral-moved', '030102')),
      });
      expect(ack).toEqual({
        ok: true,
        expiresAt: expect.any(Number) as number,
        left: ['referrals:district:030101'],
      });
      live.publishReferral(referral('030101'));
      const theirs = referral('030102');
      live.publishReferral(theirs);
      await eventually(() => Promise.resolve(expect(received).toHaveLength(1)));
      await sleep(200);
      expect(received.map((push) => push.id)).toEqual([theirs.id]);
    });
  });

  describe('metrics', () => {
    const scrape = () => metricsRegistry.metrics();
    const pushed = async (event: string) =>
      Number(
        new RegExp(`^plass_live_pushes_total\\{event="${event}"\\} (\\d+)$`, 'm').exec(await scrape())?.[1],
      );

    it('shows the sockets connected now', async () => {
      const connected = async () => Number(/^plass_live_sockets_connected (\d+)$/m.exec(await scrape())?.[1]);
      // The earlier tests' sockets are gone once the server has seen them leave.
      await eventually(async () => expect(await connected()).toBe(0));
      const client = await connect(await signDevToken(user('counted-user')));
      await connect(await signDevToken(user('counted-user')));
      expect(await connected()).toBe(2);
      client.disconnect();
      await eventually(async () => expect(await connected()).toBe(1));
    });

    it('counts a push once for every socket it reaches, and not for empty rooms', async () => {
      const first = await connect(await signDevToken(user('pushed-user')));
      const second = await connect(await signDevToken(user('pushed-user')));
      await first.emitWithAck('subscribe', { scope: 'institution', id: 'metrics-i1' });
      await first.emitWithAck('subscribe', { scope: 'unit', id: 'metrics-u1' });
      await second.emitWithAck('subscribe', { scope: 'unit', id: 'metrics-u1' });
      const before = await pushed('alert:raised');
      live.publishAlert('alert:raised', {
        rooms: ['unit:metrics-u1', 'institution:metrics-i1', 'city:nobody-here'],
      } as unknown as Parameters<LiveServer['publishAlert']>[1]);
      expect(await pushed('alert:raised')).toBe(before + 2);
      const capacityBefore = await pushed('capacity:changed');
      live.publishCapacity(snapshotOf('unit:no-one-listens', 2));
      expect(await pushed('capacity:changed')).toBe(capacityBefore);
      live.publishCapacity(snapshotOf('unit:metrics-u1', 2));
      expect(await pushed('capacity:changed')).toBe(capacityBefore + 2);
      expect(await pushed('housing:changed')).toBe(0);
    });
  });

  describe('token expiry', () => {
    /** A token that expires within 1–2 seconds (exp is in whole seconds). */
    const shortToken = (sub: string) => signDevToken(user(sub), { ttlSeconds: 2 });

    /** What the client is told; it acknowledges `session:expired` unless `ack` is false. */
    function watch(client: LiveClient, ack = true) {
      const seen: { expired: SessionExpired[]; disconnect: string[] } = { expired: [], disconnect: [] };
      client.on('session:expired', (payload, done) => {
        seen.expired.push(payload);
        if (ack) done();
      });
      client.on('disconnect', (reason) => seen.disconnect.push(reason));
      return seen;
    }

    it('disconnects a socket at its exp saying "token expired", and leaves the others alone', async () => {
      const expiring = await connect(await shortToken('expiring-user'));
      const other = await connect(await signDevToken(user('long-user')));
      const expiringSeen = watch(expiring);
      const otherSeen = watch(other);
      const otherPushes = pushesTo(other);
      await other.emitWithAck('subscribe', { scope: 'city' });

      await sleep(2600);
      expect(expiringSeen.expired).toEqual([{ reason: TOKEN_EXPIRED_REASON, expiredAt: expect.any(Number) }]);
      expect(expiringSeen.disconnect).toEqual(['io server disconnect']);
      expect(expiring.connected).toBe(false);

      expect(otherSeen).toEqual({ expired: [], disconnect: [] });
      expect(other.connected).toBe(true);
      live.publishCapacity(snapshotOf('city', 5));
      await sleep(200);
      expect(otherPushes).toEqual(['city']);
    }, 10_000);

    it('keeps a socket that reauthenticated in time with a token of the same subject', async () => {
      const client = await connect(await shortToken('renewing-user'));
      const seen = watch(client);
      const fresh = await signDevToken(user('renewing-user'), { ttlSeconds: 600 });
      const ack = await client.emitWithAck('reauthenticate', { token: fresh });
      expect(ack).toEqual({ ok: true, expiresAt: expect.any(Number), left: [] });
      await sleep(2600);
      expect(seen).toEqual({ expired: [], disconnect: [] });
      expect(client.connected).toBe(true);
    }, 10_000);

    it('refuses a token of another subject, and the old expiry still holds', async () => {
      const client = await connect(await shortToken('first-user'));
      // This client does not acknowledge session:expired: it is disconnected a second later all the same.
      const seen = watch(client, false);
      const ack = await client.emitWithAck('reauthenticate', {
        token: await signDevToken(user('second-user'), { ttlSeconds: 600 }),
      });
      expect(ack).toEqual({ ok: false, error: expect.stringMatching(/another subject/) as string });
      const invalid = await client.emitWithAck('reauthenticate', { token: 'not-a-token' });
      expect(invalid.ok).toBe(false);
      await sleep(3600);
      expect(seen.expired).toHaveLength(1);
      expect(seen.disconnect).toEqual(['io server disconnect']);
    }, 10_000);

    it('does not let a reauthenticate sent after session:expired keep the socket', async () => {
      const client = await connect(await shortToken('late-user'));
      const fresh = await signDevToken(user('late-user'), { ttlSeconds: 600 });
      const late = new Promise<unknown>((resolve) =>
        client.on('session:expired', () => {
          // Not acknowledged: the gateway waits its grace second, in which this arrives.
          void client.emitWithAck('reauthenticate', { token: fresh }).then(resolve);
        }),
      );
      const disconnected = new Promise<string>((resolve) => client.on('disconnect', resolve));
      expect(await late).toEqual({ ok: false, error: expect.stringMatching(/expired/) as string });
      expect(await disconnected).toBe('io server disconnect');
    }, 10_000);

    it('leaves the rooms the new token may no longer read, and says which', async () => {
      const client = await connect(await signDevToken(user('moving-user')));
      const pushes = pushesTo(client);
      await client.emitWithAck('subscribe', { scope: 'institution', id: 'i1' });
      await client.emitWithAck('subscribe', { scope: 'institution', id: 'i2' });
      const fresh = await signDevToken(user('moving-user'), { ttlSeconds: 700 });
      refusedTokens.add(`${fresh}|institution:i1`);
      const ack = await client.emitWithAck('reauthenticate', { token: fresh });
      expect(ack).toEqual({ ok: true, expiresAt: expect.any(Number), left: ['institution:i1'] });
      live.publishCapacity(snapshotOf('institution:i1', 2));
      live.publishCapacity(snapshotOf('institution:i2', 2));
      await sleep(200);
      expect(pushes).toEqual(['institution:i2']);
    });
  });

  describe('origins', () => {
    const handshake = (origin?: string) =>
      fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers: origin ? { origin } : {} });

    it('lets the gateway’s own origin and the configured ones open a socket with credentials', async () => {
      for (const origin of [url, 'https://plass.example.no']) {
        const response = await handshake(origin);
        expect(response.status).toBe(200);
        expect(response.headers.get('access-control-allow-origin')).toBe(origin);
        expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      }
      const token = await signDevToken(user('own-origin-user'));
      await expect(connect(token, { origin: url })).resolves.toBeDefined();
    });

    it('gives a foreign origin no Access-Control-Allow-Origin and no socket', async () => {
      const response = await handshake('https://evil.example');
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.status).toBe(403);
      const token = await signDevToken(user('foreign-origin-user'));
      await expect(connect(token, { origin: 'https://evil.example' })).rejects.toThrow();
      await expect(connect(token, { origin: 'https://plass.example.no.evil.example' })).rejects.toThrow();
    });

    it('lets a client without Origin (not a browser) through to the token check', async () => {
      const response = await handshake();
      expect(response.status).toBe(200);
    });
  });
});
