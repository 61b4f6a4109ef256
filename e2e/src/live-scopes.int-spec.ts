/**
 * Live pushes for every scope kind end to end (a write → capacity-service → Kafka → gateway → the
 * room), that they reach only the room of the scope that changed, that a socket ends at its token's
 * exp (unless it reauthenticated), which origins may open a socket, and where the gateway's metrics are.
 */
import { signDevToken } from '@plass/auth';
import {
  SCOPES,
  TOKEN_EXPIRED_REASON,
  type ClientToServerEvents,
  type InstitutionDto,
  type Scope,
  type ServerToClientEvents,
  type SessionExpired,
  type SubscribeRequest,
  type UnitDto,
} from '@plass/contracts';
import {
  ApiClient,
  eventually,
  expectStatus,
  institutionFactory,
  startTestStack,
  unitFactory,
  type TestStack,
} from '@plass/testing';
import { io, type Socket } from 'socket.io-client';

type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One side of the test: an institution with one unit, every scope it is in, and a client subscribed to them. */
interface Side {
  unit: UnitDto;
  staff: ApiClient;
  requests: Record<Scope, SubscribeRequest>;
  client: LiveClient;
  /** The keys of every `capacity:changed` the client received since the last `clear`. */
  pushes: string[];
}

const key = (request: SubscribeRequest) =>
  request.scope === 'city' ? 'city' : `${request.scope}:${request.id ?? ''}`;

describe('live pushes by scope, token expiry, origins and metrics', () => {
  let stack: TestStack;
  let admin: ApiClient;
  let a: Side;
  let b: Side;
  const extraClients: LiveClient[] = [];

  const token = (ttlSeconds?: number, sub = 'e2e-intake') =>
    signDevToken({ sub, roles: ['intake'], institutionIds: [], districtCode: null }, { ttlSeconds });

  async function connect(bearer: string): Promise<LiveClient> {
    const client: LiveClient = io(`${stack.gatewayUrl}/live`, {
      auth: { token: bearer },
      transports: ['websocket'],
      reconnection: false,
    });
    extraClients.push(client);
    await new Promise<void>((resolve, reject) => {
      client.once('connect', resolve);
      client.once('connect_error', reject);
    });
    return client;
  }

  async function side(
    districtCode: '030101' | '030102',
    providerType: 'municipal' | 'private',
    category: 'acute' | 'coping',
  ): Promise<Side> {
    const institution = expectStatus(
      await admin.post<InstitutionDto>(
        '/api/institutions',
        institutionFactory().district(districtCode).providerType(providerType).build(),
      ),
      201,
    );
    const unit = expectStatus(
      await admin.post<UnitDto>(
        `/api/institutions/${institution.id}/units`,
        unitFactory().category(category).capacity(50).build(),
      ),
      201,
    );
    const staff = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({
        roles: ['institution-staff'],
        institutionIds: [institution.id],
        districtCode: null,
      }),
    );
    const requests: Record<Scope, SubscribeRequest> = {
      city: { scope: 'city' },
      district: { scope: 'district', id: districtCode },
      category: { scope: 'category', id: category },
      institution: { scope: 'institution', id: institution.id },
      unit: { scope: 'unit', id: unit.id },
      'provider-type': { scope: 'provider-type', id: providerType },
    };
    const client = await connect(await token());
    const pushes: string[] = [];
    client.on('capacity:changed', (change) => pushes.push(change.key));
    // The unit reaches the read model asynchronously: subscribe until every scope of it is known.
    for (const request of Object.values(requests)) {
      await eventually(
        async () => {
          const ack = await client.timeout(5000).emitWithAck('subscribe', request);
          expect(ack.ok).toBe(true);
        },
        { timeoutMs: 20_000, intervalMs: 200 },
      );
    }
    return { unit, staff, requests, client, pushes };
  }

  beforeAll(async () => {
    stack = await startTestStack();
    admin = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }),
    );
    a = await side('030101', 'municipal', 'acute');
    b = await side('030102', 'private', 'coping');
    // The registrations' own pushes may still be on their way: let them pass before the tests count.
    let seen = -1;
    for (let i = 0; i < 20 && seen !== a.pushes.length + b.pushes.length; i++) {
      seen = a.pushes.length + b.pushes.length;
      await sleep(500);
    }
  }, 120_000);

  afterAll(async () => {
    for (const client of [a?.client, b?.client, ...extraClients]) client?.disconnect();
    await stack?.dispose();
  });

  async function admit(to: Side): Promise<void> {
    a.pushes.length = 0;
    b.pushes.length = 0;
    expectStatus(
      await to.staff.post(`/api/units/${to.unit.id}/admissions`, { referringDistrictCode: '030103' }),
      201,
    );
  }

  /** Lets the write's pushes to its other scopes arrive (they may come in later batches), so the next test starts clean. */
  async function settle(changed: Side): Promise<void> {
    const all = Object.values(changed.requests).map(key);
    await eventually(() => expect(changed.pushes).toEqual(expect.arrayContaining(all)), {
      timeoutMs: 3000,
      intervalMs: 20,
    }).catch(() => undefined);
  }

  it('covers every scope kind there is', () => {
    expect([...SCOPES].sort()).toEqual([
      'category',
      'city',
      'district',
      'institution',
      'provider-type',
      'unit',
    ]);
  });

  describe.each(SCOPES.filter((scope) => scope !== 'city'))('scope %s', (scope) => {
    it('pushes a change to the subscribers of that id and not to those of another id', async () => {
      for (const [changed, other] of [
        [a, b],
        [b, a],
      ] as const) {
        await admit(changed);
        await eventually(() => expect(changed.pushes).toContain(key(changed.requests[scope])), {
          timeoutMs: 5000,
          intervalMs: 20,
        });
        // The other side's city push shows the change has reached the gateway; its own scope saw nothing.
        await eventually(() => expect(other.pushes).toContain('city'), { timeoutMs: 5000, intervalMs: 20 });
        await sleep(200);
        // Neither the changed scope (not its room) nor its own id of the kind (nothing changed there).
        expect(other.pushes).not.toContain(key(changed.requests[scope]));
        expect(other.pushes).not.toContain(key(other.requests[scope]));
        await settle(changed);
      }
    });
  });

  it('pushes every change to city subscribers', async () => {
    await admit(a);
    await eventually(
      () => {
        expect(a.pushes).toContain('city');
        expect(b.pushes).toContain('city');
      },
      { timeoutMs: 5000, intervalMs: 20 },
    );
  });

  describe('token expiry', () => {
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

    it('disconnects the socket whose token expires, keeps the one that reauthenticated and every other', async () => {
      const expiring = await connect(await token(2, 'e2e-expiring'));
      const renewed = await connect(await token(2, 'e2e-renewed'));
      const expiringSeen = watch(expiring);
      const renewedSeen = watch(renewed);
      const bSeen = watch(b.client);
      const ack = await renewed.timeout(5000).emitWithAck('reauthenticate', {
        token: await token(600, 'e2e-renewed'),
      });
      expect(ack).toMatchObject({ ok: true, left: [] });
      await renewed.timeout(5000).emitWithAck('subscribe', a.requests.unit);
      const renewedPushes: string[] = [];
      renewed.on('capacity:changed', (change) => renewedPushes.push(change.key));

      await sleep(3000);
      expect(expiringSeen.expired).toEqual([{ reason: TOKEN_EXPIRED_REASON, expiredAt: expect.any(Number) }]);
      expect(expiringSeen.disconnect).toEqual(['io server disconnect']);
      expect(renewedSeen).toEqual({ expired: [], disconnect: [] });
      expect(bSeen).toEqual({ expired: [], disconnect: [] });

      // The sockets that stayed still get their pushes.
      await admit(a);
      await eventually(
        () => {
          expect(renewedPushes).toContain(key(a.requests.unit));
          expect(b.pushes).toContain('city');
        },
        { timeoutMs: 5000, intervalMs: 20 },
      );
    }, 20_000);
  });

  it('gives a foreign browser origin no CORS grant and no socket', async () => {
    const handshake = (origin: string) =>
      fetch(`${stack.gatewayUrl}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
    const foreign = await handshake('https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(foreign.status).toBe(403);
    const own = await handshake(stack.gatewayUrl);
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBe(stack.gatewayUrl);
  });

  it('serves the gateway’s metrics on its internal port only', async () => {
    const publicMetrics = await fetch(`${stack.gatewayUrl}/metrics`);
    expect(publicMetrics.status).toBe(404);
    const internalUrl = stack.metricsUrlOf('gateway');
    expect(internalUrl).not.toBe(stack.gatewayUrl);
    const internal = await fetch(`${internalUrl}/metrics`);
    expect(internal.status).toBe(200);
    expect(await internal.text()).toMatch(/process_resident_memory_bytes/);
  });
});
