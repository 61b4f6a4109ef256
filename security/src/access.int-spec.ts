/**
 * Who may do what, tried the way an attacker would, through the gateway of a real stack: every kind of
 * bad token on REST and on the socket handshake; roles and scopes a token does not grant (refused,
 * nothing changed, nothing published); the security headers; and the write rate limits.
 */
import { randomUUID } from 'node:crypto';
import type { DevTokenUser } from '@plass/auth';
import {
  TOPICS,
  type ClientToServerEvents,
  type HousingNeedDto,
  type HousingUnitDto,
  type InstitutionDto,
  type ProblemDetails,
  type ReservationResultDto,
  type ServerToClientEvents,
  type SubscribeAck,
  type SubscribeRequest,
  type UnitDto,
  sequenceSchema,
} from '@plass/contracts';
import {
  ApiClient,
  expectStatus,
  institutionFactory,
  startKafkaProbe,
  startTestStack,
  unitFactory,
  type ApiResponse,
  type KafkaProbe,
  type TestStack,
} from '@plass/testing';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { expectClientProblem, rawRequest } from './support/http';
import { ADMIN, badTokens, tokenFor, type BadToken } from './support/tokens';

// The spawned gateway inherits these: limits low enough to reach in a test, high enough for the rest of it.
const WRITES_PER_SUBJECT = 20;
const WRITES_PER_IP = 200;
process.env.RATE_LIMIT_WRITES_PER_MINUTE = String(WRITES_PER_SUBJECT);
process.env.RATE_LIMIT_WRITES_PER_MINUTE_PER_IP = String(WRITES_PER_IP);

type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Envelope fields every event on the source topics has, enough to tell which aggregate changed. */
interface SourceEvent {
  type: string;
  subject: string;
  sequence: number;
  data: Record<string, unknown>;
}

const districtStaff = (districtCode: '030101' | '030102'): DevTokenUser => ({
  roles: ['district-staff'],
  institutionIds: [],
  districtCode,
});
const institutionStaff = (institutionId: string): DevTokenUser => ({
  roles: ['institution-staff'],
  institutionIds: [institutionId],
  districtCode: null,
});
const INTAKE: DevTokenUser = { roles: ['intake'], institutionIds: [], districtCode: null };

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('access control and hardening at the gateway', () => {
  let stack: TestStack;
  let occupancyEvents: KafkaProbe<SourceEvent>;
  let housingEvents: KafkaProbe<SourceEvent>;
  let tokens: BadToken[];
  let admin: ApiClient;
  let intake: ApiClient;
  let staffA: ApiClient;
  let staffB: ApiClient;
  let gamleOslo: ApiClient;
  let grunerlokka: ApiClient;
  let institutionA: InstitutionDto;
  let institutionB: InstitutionDto;
  let unitA: UnitDto;
  let unitB: UnitDto;
  /** A dwelling owned by Grünerløkka (030102). */
  let dwelling: HousingUnitDto;

  let clients = 0;
  /** Each client its own subject, so that the per-subject write limit counts only its own writes. */
  const client = async (user: DevTokenUser, sub = `${user.roles[0]}-${++clients}`) =>
    new ApiClient(stack.gatewayUrl, await tokenFor(user, sub));

  /** Every event of one aggregate that reached Kafka, in sequence order. */
  const eventsOf = (probe: KafkaProbe<SourceEvent>, subject: string) =>
    probe
      .values()
      .filter((event) => event.subject === subject)
      .sort((a, b) => a.sequence - b.sequence);

  /**
   * Proves a refused write published nothing: a permitted write made after it must be the very next
   * sequence, and once its event is in Kafka (same key, same partition, so anything earlier is too),
   * the aggregate's events must be exactly 1…that sequence, each once.
   */
  async function expectNothingPublishedBefore(
    probe: KafkaProbe<SourceEvent>,
    subject: string,
    sequenceBefore: number,
    marker: { sequence: number },
  ): Promise<void> {
    expect(marker.sequence).toBe(sequenceBefore + 1);
    await probe.waitFor((e) => e.subject === subject && e.sequence === marker.sequence);
    const sequences = eventsOf(probe, subject).map((e) => e.sequence);
    expect(sequences).toEqual(Array.from({ length: marker.sequence }, (_, i) => i + 1));
  }

  function expectForbidden(response: ApiResponse<unknown>): void {
    expect({ status: response.status, body: response.body }).toEqual({
      status: 403,
      body: expect.objectContaining({ status: 403, detail: expect.any(String) }) as unknown,
    });
  }

  beforeAll(async () => {
    stack = await startTestStack();
    // `sequence` is a padded string on the wire (ADR 0131): read it as the consumers do.
    const parse = (value: unknown) => {
      const event = value as SourceEvent;
      return { ...event, sequence: sequenceSchema.parse(event.sequence) };
    };
    occupancyEvents = await startKafkaProbe(stack.messaging, TOPICS.institutionOccupancy, { parse });
    housingEvents = await startKafkaProbe(stack.messaging, TOPICS.housingAvailability, { parse });
    tokens = await badTokens();
    admin = await client(ADMIN, 'setup-admin');
    intake = await client(INTAKE);
    gamleOslo = await client(districtStaff('030101'));
    grunerlokka = await client(districtStaff('030102'));
    institutionA = expectStatus(
      await admin.post<InstitutionDto>('/api/institutions', institutionFactory().build()),
      201,
    );
    institutionB = expectStatus(
      await admin.post<InstitutionDto>('/api/institutions', institutionFactory().build()),
      201,
    );
    unitA = expectStatus(
      await admin.post<UnitDto>(
        `/api/institutions/${institutionA.id}/units`,
        unitFactory().capacity(6).build(),
      ),
      201,
    );
    unitB = expectStatus(
      await admin.post<UnitDto>(
        `/api/institutions/${institutionB.id}/units`,
        unitFactory().capacity(6).build(),
      ),
      201,
    );
    staffA = await client(institutionStaff(institutionA.id));
    staffB = await client(institutionStaff(institutionB.id));
    dwelling = expectStatus(
      await grunerlokka.post<HousingUnitDto>('/api/housing/units', {
        districtCode: '030102',
        type: 'ordinary',
      }),
      201,
    );
  }, 120_000);

  afterAll(async () => {
    await occupancyEvents?.stop();
    await housingEvents?.stop();
    await stack?.dispose();
  });

  describe('tokens on REST', () => {
    it('refuses every bad token on a read with 401 and the reason', async () => {
      for (const { name, token, code } of tokens) {
        const response = await rawRequest(stack.gatewayUrl, {
          method: 'GET',
          path: '/api/institutions',
          token,
        });
        const problem = expectClientProblem(response, 401);
        expect({ name, code: problem.code }).toEqual({ name, code });
      }
    });

    it('challenges every 401 with WWW-Authenticate: Bearer, with invalid_token when a token was sent, at every service', async () => {
      for (const path of ['/api/institutions', '/api/housing/units', '/api/capacity/summary']) {
        for (const { name, token, code } of tokens) {
          const response = await rawRequest(stack.gatewayUrl, { method: 'GET', path, token });
          expectClientProblem(response, 401);
          const challenge = response.headers['www-authenticate'];
          // RFC 6750 §3.1: no error code when the request carried no token at all.
          // A "token" with spaces in it makes the header itself malformed: invalid_request.
          const error = code === 'malformed' ? 'invalid_(token|request)' : 'invalid_token';
          const expected =
            code === 'missing-token'
              ? 'Bearer'
              : expect.stringMatching(
                  new RegExp(
                    `^Bearer error="${error}", error_description="[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]+"$`,
                  ),
                );
          expect({ path, name, challenge }).toEqual({ path, name, challenge: expected });
        }
        const malformed = await rawRequest(stack.gatewayUrl, {
          method: 'GET',
          path,
          headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
        });
        expect(malformed.headers['www-authenticate']).toMatch(
          /^Bearer error="invalid_request", error_description="/,
        );
      }
    });

    it('refuses every bad token on an admin write with 401, and registers nothing', async () => {
      const before = expectStatus(await admin.get<InstitutionDto[]>('/api/institutions'), 200).length;
      for (const { name, token, code } of tokens) {
        const response = await rawRequest(stack.gatewayUrl, {
          method: 'POST',
          path: '/api/institutions',
          token,
          body: JSON.stringify(institutionFactory().name(`Forged ${name}`).build()),
        });
        const problem = expectClientProblem(response, 401);
        expect({ name, code: problem.code }).toEqual({ name, code });
      }
      const after = expectStatus(await admin.get<InstitutionDto[]>('/api/institutions'), 200);
      expect(after).toHaveLength(before);
      expect(after.map((i) => i.name).filter((n) => n.startsWith('Forged'))).toEqual([]);
    });

    it('refuses a token in a malformed Authorization header', async () => {
      for (const header of ['Basic YWRtaW46YWRtaW4=', 'Bearer', 'Bearer a b', 'token']) {
        const response = await rawRequest(stack.gatewayUrl, {
          method: 'GET',
          path: '/api/institutions',
          headers: { authorization: header },
        });
        expect(expectClientProblem(response, 401).code).toMatch(/malformed|missing-token/);
      }
    });
  });

  describe('tokens on the socket handshake', () => {
    async function refusal(options: Parameters<typeof io>[1]): Promise<Error & { data?: unknown }> {
      const socket: LiveClient = io(`${stack.gatewayUrl}/live`, {
        transports: ['websocket'],
        reconnection: false,
        ...options,
      });
      try {
        return await new Promise((resolve, reject) => {
          socket.once('connect_error', resolve);
          socket.once('connect', () => reject(new Error('the socket was let in')));
        });
      } finally {
        socket.disconnect();
      }
    }

    it('refuses every bad token with a connect_error that says why', async () => {
      for (const { name, token, code } of tokens) {
        const error = await refusal({ auth: token === undefined ? {} : { token } });
        expect({ name, message: error.message, data: error.data }).toEqual({
          name,
          message: expect.stringMatching(/^unauthorized: \S/) as unknown,
          data: { code },
        });
      }
    });

    it('refuses a bad token sent as an Authorization header too', async () => {
      const expired = tokens.find((t) => t.code === 'expired');
      const error = await refusal({ extraHeaders: { authorization: `Bearer ${expired?.token ?? ''}` } });
      expect(error.data).toEqual({ code: 'expired' });
    });

    it('lets a valid token in, and answers any subscribe payload without losing the connection', async () => {
      const socket: LiveClient = io(`${stack.gatewayUrl}/live`, {
        transports: ['websocket'],
        reconnection: false,
        auth: { token: await tokenFor(districtStaff('030101')) },
      });
      try {
        await new Promise<void>((resolve, reject) => {
          socket.once('connect', resolve);
          socket.once('connect_error', reject);
        });
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(
              fc.anything(),
              fc.record({
                scope: fc.oneof(fc.string(), fc.constantFrom('unit', 'district', '__proto__', 'constructor')),
                id: fc.oneof(
                  fc.string(),
                  fc.constantFrom("' OR 1=1--", '<script>alert(1)</script>', '../..'),
                ),
              }),
            ),
            async (payload) => {
              const ack: SubscribeAck = await socket
                .timeout(5000)
                .emitWithAck('subscribe', payload as SubscribeRequest);
              if (!ack.ok) expect(typeof ack.error).toBe('string');
              expect(socket.connected).toBe(true);
            },
          ),
          { numRuns: 40 },
        );
      } finally {
        socket.disconnect();
      }
    });
  });

  describe('roles a token does not grant', () => {
    it('refuses registry writes to anyone but admin', async () => {
      for (const who of [gamleOslo, intake, staffA]) {
        expectForbidden(await who.post('/api/institutions', institutionFactory().build()));
        expectForbidden(await who.post(`/api/institutions/${institutionA.id}/units`, unitFactory().build()));
        expectForbidden(await who.post(`/api/units/${unitA.id}/close`, {}));
      }
    });

    it('refuses occupancy writes to district staff and intake', async () => {
      for (const who of [gamleOslo, intake]) {
        expectForbidden(
          await who.post(`/api/units/${unitA.id}/admissions`, { referringDistrictCode: '030101' }),
        );
        expectForbidden(
          await who.put(`/api/units/${unitA.id}/capacity`, { capacity: 60, reason: 'decision' }),
        );
        expectForbidden(await who.post(`/api/units/${unitA.id}/blocks`, { places: 1, reason: 'staffing' }));
      }
    });

    it('refuses housing writes and reservations to institution staff', async () => {
      expectForbidden(await staffA.post('/api/housing/units', { districtCode: '030102', type: 'ordinary' }));
      expectForbidden(await staffA.put(`/api/housing/units/${dwelling.id}/status`, { status: 'occupied' }));
      expectForbidden(await staffA.put('/api/housing/needs/030102', { needs: { ordinary: 1 } }));
      expectForbidden(
        await staffA.post(`/api/units/${unitA.id}/reservations`, {
          districtCode: '030102',
          expiresAt: inDays(1),
        }),
      );
    });
  });

  describe('scopes a token does not grant', () => {
    it("refuses institution staff every write to another institution's unit: nothing changed, nothing published", async () => {
      const block = expectStatus(
        await staffB.post<{ blockId: string; unit: UnitDto }>(`/api/units/${unitB.id}/blocks`, {
          places: 1,
          reason: 'maintenance',
        }),
        201,
      );
      const before = expectStatus(await admin.get<UnitDto>(`/api/units/${unitB.id}`), 200);

      expectForbidden(
        await staffA.post(`/api/units/${unitB.id}/admissions`, { referringDistrictCode: '030101' }),
      );
      expectForbidden(
        await staffA.post(`/api/units/${unitB.id}/admissions`, {
          referringDistrictCode: '030101',
          allowOverCapacity: true,
        }),
      );
      expectForbidden(
        await staffA.post(`/api/units/${unitB.id}/discharges`, { stayId: randomUUID(), reason: 'planned' }),
      );
      expectForbidden(await staffA.post(`/api/units/${unitB.id}/blocks`, { places: 2, reason: 'safety' }));
      expectForbidden(await staffA.delete(`/api/units/${unitB.id}/blocks/${block.blockId}`));
      expectForbidden(
        await staffA.put(`/api/units/${unitB.id}/capacity`, { capacity: 0, reason: 'correction' }),
      );
      expectForbidden(
        await staffA.put(
          `/api/units/${unitB.id}/census`,
          { occupied: 6, blocked: 0 },
          { 'if-match': `"${before.sequence}"` },
        ),
      );

      const after = expectStatus(await admin.get<UnitDto>(`/api/units/${unitB.id}`), 200);
      expect(after).toEqual(before);
      const marker = expectStatus(
        await staffB.post<{ unit: UnitDto }>(`/api/units/${unitB.id}/admissions`, {
          referringDistrictCode: '030101',
        }),
        201,
      );
      await expectNothingPublishedBefore(occupancyEvents, unitB.id, before.sequence, marker.unit);
    });

    it("refuses district staff changes to another district's dwelling: nothing changed, nothing published", async () => {
      const before = expectStatus(await admin.get<HousingUnitDto>(`/api/housing/units/${dwelling.id}`), 200);
      expectForbidden(
        await gamleOslo.put(`/api/housing/units/${dwelling.id}/status`, { status: 'occupied' }),
      );
      expectForbidden(
        await gamleOslo.put(`/api/housing/units/${dwelling.id}/status`, {
          status: 'unavailable',
          reason: 'renovation',
        }),
      );
      expect(expectStatus(await admin.get<HousingUnitDto>(`/api/housing/units/${dwelling.id}`), 200)).toEqual(
        before,
      );

      const marker = expectStatus(
        await grunerlokka.put<HousingUnitDto>(`/api/housing/units/${dwelling.id}/status`, {
          status: 'occupied',
        }),
        200,
      );
      await expectNothingPublishedBefore(housingEvents, dwelling.id, before.sequence, marker);
    });

    it('refuses district staff registering a dwelling in another district: none registered, none published', async () => {
      const listed = async () =>
        expectStatus(await admin.get<HousingUnitDto[]>('/api/housing/units?districtCode=030102'), 200).length;
      const before = await listed();
      expectForbidden(
        await gamleOslo.post('/api/housing/units', { districtCode: '030102', type: 'transitional' }),
      );
      expect(await listed()).toBe(before);

      const marker = expectStatus(
        await grunerlokka.post<HousingUnitDto>('/api/housing/units', {
          districtCode: '030102',
          type: 'small-house',
        }),
        201,
      );
      await housingEvents.waitFor((e) => e.subject === marker.id);
      const registeredIn030102 = housingEvents
        .values()
        .filter((e) => e.data.districtCode === '030102' && e.data.change === 'registered')
        .map((e) => e.subject);
      expect(registeredIn030102.sort()).toEqual([dwelling.id, marker.id].sort());
    });

    it("refuses district staff replacing another district's housing need: unchanged, nothing published", async () => {
      const before = expectStatus(await admin.get<HousingNeedDto>('/api/housing/needs/030102'), 200);
      expectForbidden(await gamleOslo.put('/api/housing/needs/030102', { needs: { ordinary: 999 } }));
      expect(expectStatus(await admin.get<HousingNeedDto>('/api/housing/needs/030102'), 200)).toEqual(before);

      const marker = expectStatus(
        await grunerlokka.put<HousingNeedDto>('/api/housing/needs/030102', { needs: { ordinary: 4 } }),
        200,
      );
      await expectNothingPublishedBefore(housingEvents, 'need:030102', before.sequence, marker);
    });

    it('refuses district staff reserving for, or releasing, another district: nothing changed, nothing published', async () => {
      const before = expectStatus(await admin.get<UnitDto>(`/api/units/${unitA.id}`), 200);
      expectForbidden(
        await gamleOslo.post(`/api/units/${unitA.id}/reservations`, {
          districtCode: '030102',
          expiresAt: inDays(1),
        }),
      );
      expect(expectStatus(await admin.get<UnitDto>(`/api/units/${unitA.id}`), 200)).toEqual(before);
      const reservation = expectStatus(
        await intake.post<ReservationResultDto>(`/api/units/${unitA.id}/reservations`, {
          districtCode: '030102',
          expiresAt: inDays(1),
        }),
        201,
      );
      await expectNothingPublishedBefore(occupancyEvents, unitA.id, before.sequence, reservation.unit);

      expectForbidden(
        await gamleOslo.delete(`/api/units/${unitA.id}/reservations/${reservation.reservationId}`),
      );
      const released = expectStatus(
        await grunerlokka.delete<{ unit: UnitDto }>(
          `/api/units/${unitA.id}/reservations/${reservation.reservationId}`,
        ),
        200,
      );
      await expectNothingPublishedBefore(occupancyEvents, unitA.id, reservation.unit.sequence, released.unit);
    });
  });

  describe('security headers', () => {
    function expectHardened(
      response: { headers: Record<string, string | string[] | undefined> },
      what: string,
    ) {
      const h = response.headers;
      expect({ what, nosniff: h['x-content-type-options'] }).toEqual({ what, nosniff: 'nosniff' });
      expect(h['x-frame-options']).toBe('DENY');
      expect(h['referrer-policy']).toBe('no-referrer');
      expect(h['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(h['cross-origin-opener-policy']).toBe('same-origin');
      expect(h['x-powered-by']).toBeUndefined();
      const csp = String(h['content-security-policy']);
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
      ]) {
        expect({ what, csp: csp.includes(directive) }).toEqual({ what, csp: true });
      }
      return csp;
    }

    it('sets them on the dashboard, the gateway’s own routes, proxied answers and refusals', async () => {
      const token = await tokenFor(ADMIN, 'headers-admin');
      const page = await rawRequest(stack.gatewayUrl, {
        method: 'GET',
        path: '/',
        headers: { accept: 'text/html' },
      });
      expect(page.status).toBe(200);
      const csp = expectHardened(page, 'dashboard');
      expect(csp).toMatch(/style-src 'self'(;|$)/);
      expect(csp).toContain(`connect-src 'self' ws://${new URL(stack.gatewayUrl).host}`);

      expectHardened(await rawRequest(stack.gatewayUrl, { method: 'GET', path: '/health/live' }), 'health');
      expectHardened(await rawRequest(stack.gatewayUrl, { method: 'GET', path: '/no-such-page.js' }), '404');
      const proxied = await rawRequest(stack.gatewayUrl, { method: 'GET', path: '/api/institutions', token });
      expect(proxied.status).toBe(200);
      expectHardened(proxied, 'proxied read');
      expectHardened(
        await rawRequest(stack.gatewayUrl, { method: 'GET', path: '/api/institutions' }),
        'proxied 401',
      );
    });

    it('takes the services’ X-Powered-By off what it proxies', async () => {
      const direct = await rawRequest(stack.urlOf('institution-service'), {
        method: 'GET',
        path: '/health/live',
      });
      expect(direct.headers['x-powered-by']).toBe('Express');
      const proxied = await rawRequest(stack.gatewayUrl, { method: 'GET', path: '/api/institutions/docs' });
      expect(proxied.status).toBe(200);
      expect(proxied.headers['x-powered-by']).toBeUndefined();
    });

    it('allows inline styles for the OpenAPI pages only', async () => {
      const docs = await rawRequest(stack.gatewayUrl, { method: 'GET', path: '/api/institutions/docs' });
      expect(expectHardened(docs, 'docs')).toContain("style-src 'self' 'unsafe-inline'");
    });

    it('serves the AsyncAPI document and its page without a token, the page under the strict policy', async () => {
      const document = await rawRequest(stack.gatewayUrl, { method: 'GET', path: '/api/asyncapi.json' });
      expect(document.status).toBe(200);
      expect((document.json as { asyncapi?: string }).asyncapi).toBe('3.0.0');
      expectHardened(document, 'asyncapi.json');
      const page = await rawRequest(stack.gatewayUrl, { method: 'GET', path: '/api/asyncapi' });
      expect(page.status).toBe(200);
      expect(page.text).toContain('capacity.alerts.v1.dlq');
      const csp = expectHardened(page, 'asyncapi page');
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
    });
  });

  describe('write rate limits', () => {
    const invalidInstitution = JSON.stringify({});

    async function write(token: string | undefined, localAddress: string) {
      return rawRequest(stack.gatewayUrl, {
        method: 'POST',
        path: '/api/institutions',
        token,
        body: invalidInstitution,
        localAddress,
      });
    }

    it(`answers a subject's writes beyond ${WRITES_PER_SUBJECT} a minute with 429 and Retry-After; reads go on`, async () => {
      const token = await tokenFor(ADMIN, 'burst-admin');
      const statuses: number[] = [];
      for (let i = 0; i < WRITES_PER_SUBJECT + 3; i++)
        statuses.push((await write(token, '127.0.0.3')).status);
      expect(statuses.slice(0, WRITES_PER_SUBJECT)).toEqual(Array(WRITES_PER_SUBJECT).fill(400));
      expect(statuses.slice(WRITES_PER_SUBJECT)).toEqual([429, 429, 429]);

      const limited = await write(token, '127.0.0.3');
      const problem: ProblemDetails = expectClientProblem(limited, 429);
      expect(problem.type).toBe('urn:plassoversikt:problem:rate-limited');
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(String(limited.headers['ratelimit'])).toContain('"writes-per-subject"; r=0');
      expectStatus(await new ApiClient(stack.gatewayUrl, token).get('/api/institutions'), 200);

      // The allowance belongs to the subject, wherever it writes from; another subject still has its own.
      expect((await write(token, '127.0.0.4')).status).toBe(429);
      expect((await write(await tokenFor(ADMIN, 'calm-admin'), '127.0.0.3')).status).toBe(400);
    });

    it('does not let a forged token spend someone else’s allowance', async () => {
      const forged = (await badTokens()).find((t) => t.code === 'invalid-signature')?.token;
      for (let i = 0; i < WRITES_PER_SUBJECT; i++) await write(forged, '127.0.0.5');
      expect((await write(forged, '127.0.0.5')).status).toBe(429);
      // The forged token claims the subject "attacker"; the real one is untouched.
      expect((await write(await tokenFor(ADMIN, 'attacker'), '127.0.0.6')).status).toBe(400);
    });

    it(`limits one address to ${WRITES_PER_IP} writes a minute, however many subjects sign them`, async () => {
      const subjects = await Promise.all(
        Array.from({ length: Math.ceil(WRITES_PER_IP / (WRITES_PER_SUBJECT - 1)) + 1 }, (_, i) =>
          tokenFor(districtStaff('030101'), `rotating-${i}`),
        ),
      );
      const statuses: number[] = [];
      for (let i = 0; i < WRITES_PER_IP + 1; i++) {
        statuses.push((await write(subjects[i % subjects.length], '127.0.0.7')).status);
      }
      expect(statuses.slice(0, WRITES_PER_IP).every((s) => s === 403)).toBe(true);
      const last = await write(subjects[0], '127.0.0.7');
      expect(expectClientProblem(last, 429).detail).toMatch(/from this address/);
      expect(statuses[WRITES_PER_IP]).toBe(429);
    });
  });
});
