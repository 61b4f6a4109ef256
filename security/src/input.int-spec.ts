/**
 * Hostile input through the gateway of a real stack: property-based bodies for every write route of the
 * three services (and the gateway's own), hostile path parameters and query strings, oversized and
 * deeply nested bodies. Every one must get a clear 4xx as problem details: never a 5xx, never a crash,
 * never a change of state.
 */
import { randomUUID } from 'node:crypto';
import { ROLES } from '@plass/auth';
import type {
  AdmissionResultDto,
  BlockResultDto,
  HousingNeedDto,
  HousingUnitDto,
  InstitutionDto,
  ReservationResultDto,
  UnitDto,
} from '@plass/contracts';
import { HOUSING_UNAVAILABLE_REASONS } from '@plass/contracts';
import {
  BLOCK_REASONS,
  DISCHARGE_REASONS,
  DISTRICT_CODES,
  HOUSING_STATUSES,
  HOUSING_TYPES,
  PROVIDER_TYPES,
  SERVICE_CATEGORY_CODES,
} from '@plass/domain';
import {
  ApiClient,
  expectStatus,
  institutionFactory,
  startTestStack,
  unitFactory,
  type ServiceName,
  type TestStack,
} from '@plass/testing';
import fc from 'fast-check';
import { expectClientProblem, rawRequest, type RawResponse } from './support/http';
import {
  deeplyNested,
  hostileBody,
  INJECTIONS,
  toJsonText,
  withOwnKey,
  type BodyShape,
} from './support/arbitraries';
import { ADMIN, tokenFor } from './support/tokens';

// This file runs with the gateway's default write limits: a few hundred writes a minute must pass.
delete process.env.RATE_LIMIT_WRITES_PER_MINUTE;
delete process.env.RATE_LIMIT_WRITES_PER_MINUTE_PER_IP;

/**
 * Runs per route: enough to try every kind of hostile body several times, few enough for two cores.
 * SECURITY_FUZZ_RUNS raises it for a longer hunt.
 */
const RUNS_PER_ROUTE = Number(process.env.SECURITY_FUZZ_RUNS ?? 30);
const RUNS_PER_PATH = Math.ceil((RUNS_PER_ROUTE * 2) / 3);
const CAPACITY_CHANGE_REASONS = ['decision', 'contract-change', 'reorganisation', 'correction'];

interface WriteRoute {
  name: string;
  method: 'POST' | 'PUT' | 'DELETE';
  path: string;
  shape: BodyShape;
  headers?: Record<string, string>;
  /** The route's own token when admin may not call it. */
  token?: string;
}

const isWellFormed = (text: string) => {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
};
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const noBody: BodyShape = { valid: {}, fields: {}, required: [] };

describe('hostile input through the gateway', () => {
  let stack: TestStack;
  let adminToken: string;
  let admin: ApiClient;
  let institution: InstitutionDto;
  let unit: UnitDto;
  let stayId: string;
  let reservationId: string;
  let dwelling: HousingUnitDto;
  let routes: WriteRoute[];
  /** What the state looked like before the hostile requests, to prove none of them changed it. */
  let before: Awaited<ReturnType<typeof state>>;
  /** Institutions the injection test registers on purpose; every other write must have been refused. */
  const storedOnPurpose = new Set<string>();

  const send = (
    route: { method: string; path: string; headers?: Record<string, string> },
    body?: string,
    contentType?: string,
    token = adminToken,
  ) =>
    rawRequest(stack.gatewayUrl, {
      method: route.method,
      path: route.path,
      token,
      body,
      headers: { ...route.headers, ...(contentType ? { 'content-type': contentType } : {}) },
    });

  async function state() {
    return {
      institutions: expectStatus(await admin.get<InstitutionDto[]>('/api/institutions'), 200),
      dwellings: expectStatus(await admin.get<HousingUnitDto[]>('/api/housing/units'), 200),
      dwelling: expectStatus(await admin.get<HousingUnitDto>(`/api/housing/units/${dwelling.id}`), 200),
      need: expectStatus(await admin.get<HousingNeedDto>('/api/housing/needs/030101'), 200),
    };
  }

  async function expectServicesHealthy(): Promise<void> {
    for (const name of [
      'institution-service',
      'housing-service',
      'capacity-service',
      'gateway',
    ] as ServiceName[]) {
      const response = await rawRequest(stack.urlOf(name), { method: 'GET', path: '/health/ready' });
      expect({ name, status: response.status }).toEqual({ name, status: 200 });
    }
  }

  beforeAll(async () => {
    stack = await startTestStack();
    adminToken = await tokenFor(ADMIN, 'input-admin');
    admin = new ApiClient(stack.gatewayUrl, adminToken);
    institution = expectStatus(
      await admin.post<InstitutionDto>('/api/institutions', institutionFactory().build()),
      201,
    );
    unit = expectStatus(
      await admin.post<UnitDto>(
        `/api/institutions/${institution.id}/units`,
        unitFactory().capacity(10).build(),
      ),
      201,
    );
    stayId = expectStatus(
      await admin.post<AdmissionResultDto>(`/api/units/${unit.id}/admissions`, {
        referringDistrictCode: '030101',
      }),
      201,
    ).stayId;
    expectStatus(
      await admin.post<BlockResultDto>(`/api/units/${unit.id}/blocks`, { places: 1, reason: 'staffing' }),
      201,
    );
    reservationId = expectStatus(
      await admin.post<ReservationResultDto>(`/api/units/${unit.id}/reservations`, {
        districtCode: '030101',
        expiresAt: inDays(2),
      }),
      201,
    ).reservationId;
    dwelling = expectStatus(
      await admin.post<HousingUnitDto>('/api/housing/units', { districtCode: '030101', type: 'ordinary' }),
      201,
    );
    const current = expectStatus(await admin.get<UnitDto>(`/api/units/${unit.id}`), 200);

    const district = { kind: 'enum', values: DISTRICT_CODES } as const;
    routes = [
      {
        name: 'register an institution',
        method: 'POST',
        path: '/api/institutions',
        shape: {
          valid: institutionFactory().build(),
          fields: {
            name: { kind: 'text', max: 200 },
            providerType: { kind: 'enum', values: PROVIDER_TYPES },
            districtCode: district,
          },
          required: ['name', 'providerType', 'districtCode'],
        },
      },
      {
        name: 'register a unit',
        method: 'POST',
        path: `/api/institutions/${institution.id}/units`,
        shape: {
          valid: unitFactory().build(),
          fields: {
            name: { kind: 'text', max: 200 },
            category: { kind: 'enum', values: SERVICE_CATEGORY_CODES },
            capacity: { kind: 'int', min: 0, max: 1000 },
          },
          required: ['name', 'category', 'capacity'],
        },
      },
      {
        name: 'admit',
        method: 'POST',
        path: `/api/units/${unit.id}/admissions`,
        shape: {
          valid: {
            referringDistrictCode: '030101',
            plannedDischargeDate: inDays(30).slice(0, 10),
            reservationId,
            allowOverCapacity: false,
          },
          fields: {
            referringDistrictCode: district,
            plannedDischargeDate: { kind: 'date' },
            reservationId: { kind: 'uuid' },
            allowOverCapacity: { kind: 'boolean' },
          },
          required: ['referringDistrictCode'],
        },
      },
      {
        name: 'discharge',
        method: 'POST',
        path: `/api/units/${unit.id}/discharges`,
        shape: {
          valid: { stayId, reason: 'planned' },
          fields: { stayId: { kind: 'uuid' }, reason: { kind: 'enum', values: DISCHARGE_REASONS } },
          required: ['stayId', 'reason'],
        },
      },
      {
        name: 'block places',
        method: 'POST',
        path: `/api/units/${unit.id}/blocks`,
        shape: {
          valid: { places: 1, reason: 'safety', until: inDays(3) },
          fields: {
            places: { kind: 'int', min: 1, max: 1000 },
            reason: { kind: 'enum', values: BLOCK_REASONS },
            until: { kind: 'datetime' },
          },
          required: ['places', 'reason'],
        },
      },
      {
        name: 'change capacity',
        method: 'PUT',
        path: `/api/units/${unit.id}/capacity`,
        shape: {
          valid: { capacity: 12, reason: 'decision' },
          fields: {
            capacity: { kind: 'int', min: 0, max: 1000 },
            reason: { kind: 'enum', values: CAPACITY_CHANGE_REASONS },
          },
          required: ['capacity', 'reason'],
        },
      },
      {
        name: 'report a census',
        method: 'PUT',
        path: `/api/units/${unit.id}/census`,
        headers: { 'if-match': `"${current.sequence}"` },
        shape: {
          valid: { occupied: 1, blocked: 1 },
          fields: {
            occupied: { kind: 'int', min: 0, max: 1000 },
            blocked: { kind: 'int', min: 0, max: 1000 },
          },
          required: ['occupied', 'blocked'],
        },
      },
      {
        name: 'reserve a place',
        method: 'POST',
        path: `/api/units/${unit.id}/reservations`,
        shape: {
          valid: { districtCode: '030101', expiresAt: inDays(1) },
          fields: { districtCode: district, expiresAt: { kind: 'datetime' } },
          required: ['districtCode', 'expiresAt'],
        },
      },
      {
        name: 'register a dwelling',
        method: 'POST',
        path: '/api/housing/units',
        shape: {
          valid: { districtCode: '030101', type: 'ordinary', label: 'B-0412' },
          fields: {
            districtCode: district,
            type: { kind: 'enum', values: HOUSING_TYPES },
            label: { kind: 'label' },
          },
          required: ['districtCode', 'type'],
        },
      },
      {
        name: "change a dwelling's status",
        method: 'PUT',
        path: `/api/housing/units/${dwelling.id}/status`,
        shape: {
          valid: { status: 'reserved', reservedUntil: inDays(2) },
          fields: {
            status: { kind: 'enum', values: HOUSING_STATUSES },
            reservedUntil: { kind: 'datetime' },
            reason: { kind: 'enum', values: HOUSING_UNAVAILABLE_REASONS },
          },
          required: ['status'],
        },
      },
      {
        name: "replace a district's housing need",
        method: 'PUT',
        path: '/api/housing/needs/030101',
        shape: {
          valid: { needs: { ordinary: 3 } },
          fields: { needs: { kind: 'needs', types: HOUSING_TYPES, max: 100_000 } },
          required: ['needs'],
        },
      },
      {
        name: 'acknowledge an alert that does not exist',
        method: 'POST',
        path: `/api/capacity/alerts/${randomUUID()}/ack`,
        shape: noBody,
      },
      {
        name: 'ask for a development token',
        method: 'POST',
        path: '/api/dev/token',
        shape: {
          valid: { role: 'district-staff', districtCode: '030101' },
          fields: {
            role: { kind: 'enum', values: ROLES },
            districtCode: district,
            institutionIds: { kind: 'uuid-list', max: 50 },
          },
          required: ['role'],
        },
      },
    ];
    before = await state();
  }, 120_000);

  afterAll(async () => {
    await stack?.dispose();
  });

  describe('bodies', () => {
    it.each([
      'register an institution',
      'register a unit',
      'admit',
      'discharge',
      'block places',
      'change capacity',
      'report a census',
      'reserve a place',
      'register a dwelling',
      "change a dwelling's status",
      "replace a district's housing need",
      'acknowledge an alert that does not exist',
      'ask for a development token',
    ])('refuses every hostile body to "%s" with a clear 4xx', async (name) => {
      const route = routes.find((r) => r.name === name);
      if (!route) throw new Error(`no route ${name}`);
      // A subject per route, so that a longer hunt (SECURITY_FUZZ_RUNS) stays within the write limit.
      const token = await tokenFor(ADMIN, `fuzz-${routes.indexOf(route)}`);
      const seen = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(hostileBody(route.shape), async (body) => {
          const response = await send(route, body.text, body.contentType, token);
          seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
          expectClientProblem(response);
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
      expect([...seen.keys()].every((status) => status >= 400 && status < 500)).toBe(true);
    });

    it('stores injection strings in free text as plain data, never as code', async () => {
      for (const name of [
        "Robert'); DROP TABLE institutions;--",
        '<script>alert(1)</script>',
        '{{7*7}} ${7*7}',
      ]) {
        const created = expectStatus(
          await admin.post<InstitutionDto>('/api/institutions', institutionFactory().name(name).build()),
          201,
        );
        const read = await rawRequest(stack.gatewayUrl, {
          method: 'GET',
          path: `/api/institutions/${created.id}`,
          token: adminToken,
        });
        expect(read.headers['content-type']).toMatch(/^application\/json/);
        expect((read.json as InstitutionDto).name).toBe(name);
        storedOnPurpose.add(created.id);
      }
      // The registry still answers, with every institution it had.
      const all = expectStatus(await admin.get<InstitutionDto[]>('/api/institutions'), 200);
      expect(all.length).toBe(before.institutions.length + 3);
    });
  });

  describe('free text (ADR 0110)', () => {
    // Every free-text field of every service, reached through the gateway, with a body that is valid but for it.
    const freeTextRoutes = () =>
      [
        ['POST', '/api/institutions', institutionFactory().build(), 'name'],
        ['POST', `/api/institutions/${institution.id}/units`, unitFactory().build(), 'name'],
        ['PATCH', `/api/institutions/${institution.id}`, {}, 'name'],
        ['PATCH', `/api/units/${unit.id}`, {}, 'name'],
        ['POST', '/api/housing/units', { districtCode: '030101', type: 'ordinary' }, 'label'],
      ] as const;

    it.each([
      ['a NUL', 'Avdeling\u0000 1', /control characters \(found U\+0000\)/],
      ['a line feed', 'Avdeling\n1', /control characters/],
      ['a lone surrogate', 'Avdeling \ud800', /unpaired UTF-16 surrogate/],
      ['a fødselsnummer', 'Avdeling 01019012480', /national identity number/],
      ['a D-nummer written 6 + 5', 'Avdeling 410190-12393', /national identity number/],
    ])('refuses %s in every free-text field with 400, never a 5xx', async (_, text, detail) => {
      for (const [method, path, valid, field] of freeTextRoutes()) {
        // A label has no spaces: the same text without them.
        const value = field === 'label' ? text.replace(/^Avdeling ?/, 'B') : text;
        const response = await send({ method, path }, JSON.stringify({ ...valid, [field]: value }));
        const problem = expectClientProblem(response, 400);
        expect({ path, detail: problem.detail }).toEqual({ path, detail: expect.stringMatching(detail) });
      }
    });

    it('refuses a query id that would reach the database with a NUL with 400', async () => {
      for (const path of [
        '/api/capacity/snapshot?scope=unit&id=%00',
        '/api/capacity/history?scope=category&id=acute%00&from=2024-01-01&to=2024-01-02',
      ]) {
        expectClientProblem(await send({ method: 'GET', path }), 400);
      }
    });
  });

  describe('path parameters', () => {
    const hostileId = fc
      .oneof(
        fc.constantFrom(...INJECTIONS),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
        fc.uuid().map((id) => id.toUpperCase()),
        fc.constantFrom('.', '..', '%2e%2e', 'null', 'undefined', '0', '-1', '1e999'),
      )
      // A lone surrogate cannot be put in a URL at all; any other text can.
      .filter((id) => !(DISTRICT_CODES as readonly string[]).includes(id) && isWellFormed(id));

    it.each([
      ['POST', '/api/units/{id}/admissions', { referringDistrictCode: '030101' }],
      ['GET', '/api/units/{id}', undefined],
      ['GET', '/api/institutions/{id}', undefined],
      ['POST', '/api/institutions/{id}/units', { name: 'Avdeling', category: 'acute', capacity: 1 }],
      ['POST', '/api/units/{id}/close', undefined],
      ['PATCH', '/api/units/{id}', { name: 'Avdeling nytt navn' }],
      ['PATCH', '/api/institutions/{id}', { name: 'Institusjon nytt navn' }],
      ['DELETE', `/api/units/{unit}/blocks/{id}`, undefined],
      ['DELETE', `/api/units/{unit}/reservations/{id}`, undefined],
      ['PUT', '/api/housing/units/{id}/status', { status: 'occupied' }],
      ['PUT', '/api/housing/needs/{id}', { needs: { ordinary: 1 } }],
      ['GET', '/api/housing/needs/{id}', undefined],
      ['POST', '/api/capacity/alerts/{id}/ack', undefined],
      ['GET', '/api/capacity/institutions/{id}', undefined],
    ] as const)('refuses hostile ids in %s %s with a 4xx', async (method, template, body) => {
      await fc.assert(
        fc.asyncProperty(hostileId, async (id) => {
          // A well-formed id that names nothing is a 404; a malformed one a 400.
          const path = template.replace('{unit}', unit.id).replace('{id}', encodeURIComponent(id));
          const response = await send(
            { method, path },
            body === undefined ? undefined : JSON.stringify(body),
          );
          expectClientProblem(response);
        }),
        { numRuns: RUNS_PER_PATH },
      );
    });

    it('refuses the issue’s own examples', async () => {
      for (const path of [
        "/api/units/'%20OR%201=1--/admissions",
        '/api/units/%27%3B%20DROP%20TABLE%20units%3B--/admissions',
        '/api/units/../../institutions/admissions',
        '/api/units/%00/admissions',
      ]) {
        const response = await send(
          { method: 'POST', path },
          JSON.stringify({ referringDistrictCode: '030101' }),
        );
        expectClientProblem(response);
      }
    });
  });

  describe('query strings', () => {
    const routesWithQueries = [
      '/api/housing/units',
      '/api/capacity/units',
      '/api/capacity/alerts',
      '/api/capacity/history',
      '/api/capacity/reports/utilization',
      '/api/capacity/forecast',
      '/api/capacity/housing',
      '/api/capacity/indicators',
      '/api/capacity/snapshot',
      '/api/capacity/summary',
    ];
    const knownNames = [
      'districtCode',
      'type',
      'status',
      'category',
      'providerType',
      'onlyAvailable',
      'scope',
      'id',
      'from',
      'to',
      'step',
      'groupBy',
      'format',
      'days',
      'limit',
      'code',
    ];
    const hostileQuery = fc.array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(...knownNames),
          fc.constantFrom(
            '__proto__',
            'constructor[prototype][x]',
            'scope[__proto__][x]',
            'a[0][1][2][3][4][5][6]',
            'limit[]',
          ),
          fc.string({ maxLength: 20 }),
        ),
        fc.oneof(
          fc.constantFrom(...INJECTIONS),
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.integer().map(String),
        ),
      ),
      { minLength: 1, maxLength: 5 },
    );

    it.each(routesWithQueries)(
      'answers hostile queries to %s with 200 or a clear 4xx, never a 5xx',
      async (route) => {
        await fc.assert(
          fc.asyncProperty(hostileQuery, async (pairs) => {
            const query = new URLSearchParams(pairs).toString();
            const response = await send({ method: 'GET', path: `${route}?${query}` });
            if (response.status !== 200) expectClientProblem(response);
          }),
          { numRuns: RUNS_PER_PATH },
        );
      },
    );

    it('refuses the issue’s own example', async () => {
      const response = await send({
        method: 'GET',
        path: '/api/housing/units?districtCode=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      });
      expect(expectClientProblem(response, 400).detail).toMatch(/districtCode/);
    });
  });

  describe('size and depth', () => {
    const megabyte = () =>
      toJsonText(withOwnKey(institutionFactory().build(), 'padding', 'x'.repeat(1024 * 1024)));

    it('refuses a 1 MB body at the gateway with 413, before any service reads it', async () => {
      for (const route of [routes[0], routes[2], routes[8], routes[12]]) {
        const response = await send(route, megabyte());
        expect(expectClientProblem(response, 413).detail).toMatch(/limit of 65536 bytes/);
      }
    });

    it('refuses a chunked 1 MB body, which has no length to check, at the service with 413', async () => {
      for (const route of [routes[0], routes[8]]) {
        const response = await rawRequest(stack.gatewayUrl, {
          method: route.method,
          path: route.path,
          token: adminToken,
          body: megabyte(),
          chunked: true,
        });
        expect(expectClientProblem(response, 413).detail).toMatch(/larger than the limit/);
      }
    });

    it('holds each service to 64 KB even when the gateway is bypassed', async () => {
      const body = toJsonText(withOwnKey(institutionFactory().build(), 'padding', 'x'.repeat(80 * 1024)));
      for (const [name, path] of [
        ['institution-service', '/api/institutions'],
        ['housing-service', '/api/housing/units'],
        ['capacity-service', `/api/capacity/alerts/${randomUUID()}/ack`],
      ] as const) {
        const response = await rawRequest(stack.urlOf(name), {
          method: 'POST',
          path,
          token: adminToken,
          body,
        });
        expect({ name, detail: expectClientProblem(response, 413).detail }).toEqual({
          name,
          detail: expect.stringMatching(/limit of 65536 bytes/) as unknown,
        });
      }
    });

    it('refuses bodies nested as deep as 64 KB allows, and wide ones, quickly and without a 5xx', async () => {
      const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
      const bodies = {
        'nested 12 000 deep': toJsonText(
          withOwnKey(institutionFactory().build(), 'nested', deeplyNested(12_000)),
        ),
        'a field nested 12 000 deep': toJsonText(
          withOwnKey(institutionFactory().build(), 'name', deeplyNested(12_000)),
        ),
        'an array nested 30 000 deep': `{"name":${'['.repeat(30_000)}${']'.repeat(30_000)}}`,
        '5000 unknown fields': toJsonText({ ...institutionFactory().build(), ...wide }),
      };
      for (const [how, text] of Object.entries(bodies)) {
        for (const route of [routes[0], routes[8], routes[10], routes[12]]) {
          const started = Date.now();
          const response: RawResponse = await send(route, text);
          expect({ how, route: route.name, status: Math.floor(response.status / 100) }).toEqual({
            how,
            route: route.name,
            status: 4,
          });
          expectClientProblem(response);
          expect(Date.now() - started).toBeLessThan(5000);
        }
      }
    });
  });

  describe('afterwards', () => {
    it('has every service healthy and nothing changed by any refused request', async () => {
      await expectServicesHealthy();
      const after = await state();
      expect(after.dwelling).toEqual(before.dwelling);
      expect(after.dwellings).toEqual(before.dwellings);
      expect(after.need).toEqual(before.need);
      expect(after.institutions.filter((i) => !storedOnPurpose.has(i.id))).toEqual(before.institutions);
    });
  });
});
