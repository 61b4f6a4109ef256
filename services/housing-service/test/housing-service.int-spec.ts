/**
 * The housing service as a real process against PostgreSQL and Kafka: registration, every status
 * transition (allowed and refused), reservation expiry, housing need, the role rules, and the events.
 */
import { randomUUID } from 'node:crypto';
import { signDevToken, type DevTokenUser } from '@plass/auth';
import {
  HOUSING_NEED_CHANGED,
  HOUSING_UNIT_STATUS_CHANGED,
  housingNeedChanged,
  housingUnitStatusChanged,
  TOPICS,
  type HousingNeedChangedEvent,
  type HousingNeedDto,
  type HousingUnitDto,
  type HousingUnitStatusChangedEvent,
  type ProblemDetails,
} from '@plass/contracts';
import { HOUSING_STATUSES, HOUSING_TYPES, type DistrictCode, type HousingStatus } from '@plass/domain';
import { ApiClient, eventually, expectStatus, startTestStack, type TestStack } from '@plass/testing';

const SAGENE: DistrictCode = '030103';
const GAMLE_OSLO: DistrictCode = '030101';

type HousingEvent = HousingUnitStatusChangedEvent | HousingNeedChangedEvent;

interface EventLog {
  /** Every event read so far, with its Kafka key. */
  events: { key: string; event: HousingEvent }[];
  /** Messages that did not match their contract (there should be none). */
  invalid: string[];
  stop(): Promise<void>;
}

/** Reads housing.availability.v1 in the stack's namespace from the beginning, validating every message. */
async function readHousingEvents(stack: TestStack): Promise<EventLog> {
  // A fresh group in the stack's namespace (docs/decisions/0004), so the run's clean-up finds it.
  const groupId = `${stack.settings.kafkaTopicPrefix}.housing-events-${randomUUID()}`;
  const consumer = stack.messaging.kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  const log: EventLog = { events: [], invalid: [], stop: () => consumer.disconnect() };
  await consumer.connect();
  await consumer.subscribe({ topic: stack.messaging.topic(TOPICS.housingAvailability), fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      const key = message.key?.toString() ?? '';
      const value: unknown = JSON.parse(message.value?.toString() ?? 'null');
      try {
        const type = (value as { type?: string }).type;
        const event =
          type === HOUSING_NEED_CHANGED
            ? housingNeedChanged.parse(value)
            : housingUnitStatusChanged.parse(value);
        log.events.push({ key, event });
      } catch (error) {
        log.invalid.push(`${key}: ${(error as Error).message}`);
      }
      return Promise.resolve();
    },
  });
  return log;
}

describe('housing service', () => {
  let stack: TestStack;
  let log: EventLog;
  let anonymous: ApiClient;
  let admin: ApiClient;
  let sageneStaff: ApiClient;
  let gamleOsloStaff: ApiClient;
  let intake: ApiClient;
  let institutionStaff: ApiClient;

  const client = async (user: DevTokenUser) => anonymous.withToken(await signDevToken(user));

  beforeAll(async () => {
    stack = await startTestStack({ only: ['housing-service'] });
    log = await readHousingEvents(stack);
    anonymous = new ApiClient(stack.urlOf('housing-service'));
    admin = await client({ roles: ['admin'], institutionIds: [], districtCode: null });
    sageneStaff = await client({ roles: ['district-staff'], institutionIds: [], districtCode: SAGENE });
    gamleOsloStaff = await client({
      roles: ['district-staff'],
      institutionIds: [],
      districtCode: GAMLE_OSLO,
    });
    intake = await client({ roles: ['intake'], institutionIds: [], districtCode: null });
    institutionStaff = await client({
      roles: ['institution-staff'],
      institutionIds: [randomUUID()],
      districtCode: null,
    });
  }, 120_000);

  afterAll(async () => {
    await log?.stop();
    await stack?.dispose();
  });

  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

  /** The request body that moves a dwelling into `status`, with what that status needs. */
  function statusBody(status: HousingStatus) {
    if (status === 'reserved') return { status, reservedUntil: inDays(7) };
    if (status === 'unavailable') return { status, reason: 'renovation' };
    return { status };
  }

  async function register(
    by: ApiClient = admin,
    body: Record<string, unknown> = { districtCode: SAGENE, type: 'cluster-staffed-24h' },
  ): Promise<HousingUnitDto> {
    return expectStatus(await by.post<HousingUnitDto>('/api/housing/units', body), 201);
  }

  /** A new dwelling in Sagene, brought into `status` through the API. */
  async function dwellingThatIs(status: HousingStatus): Promise<HousingUnitDto> {
    const unit = await register();
    if (status === 'vacant') return unit;
    return expectStatus(
      await admin.put<HousingUnitDto>(`/api/housing/units/${unit.id}/status`, statusBody(status)),
      200,
    );
  }

  function unitEvents(id: string): HousingUnitStatusChangedEvent[] {
    return log.events
      .filter((e) => e.key === id && e.event.type === HOUSING_UNIT_STATUS_CHANGED)
      .map((e) => e.event as HousingUnitStatusChangedEvent);
  }

  function needEvents(districtCode: DistrictCode): HousingNeedChangedEvent[] {
    return log.events
      .filter((e) => e.key === `need:${districtCode}`)
      .map((e) => e.event as HousingNeedChangedEvent);
  }

  /** Waits for the unit's event with `sequence` and returns it. */
  async function unitEvent(id: string, sequence: number): Promise<HousingUnitStatusChangedEvent> {
    return eventually(
      () => {
        const event = unitEvents(id).find((e) => e.sequence === sequence);
        expect(event).toBeDefined();
        return event as HousingUnitStatusChangedEvent;
      },
      { timeoutMs: 15_000 },
    );
  }

  describe('registering dwellings', () => {
    it('registers a vacant dwelling with sequence 1 and announces it with no previous status', async () => {
      const unit = await register(admin, {
        districtCode: SAGENE,
        type: 'cluster-staffed-partial',
        label: 'B-0412',
      });
      expect(unit).toMatchObject({
        districtCode: SAGENE,
        type: 'cluster-staffed-partial',
        label: 'B-0412',
        status: 'vacant',
        reason: null,
        reservedUntil: null,
        sequence: 1,
      });
      const event = await unitEvent(unit.id, 1);
      expect(event.data).toEqual({
        housingUnitId: unit.id,
        districtCode: SAGENE,
        type: 'cluster-staffed-partial',
        status: 'vacant',
        previousStatus: null,
        change: 'registered',
      });
    });

    it("lets district staff register dwellings in their own district and no other's", async () => {
      await register(sageneStaff, { districtCode: SAGENE, type: 'ordinary' });
      const refused = await sageneStaff.post<ProblemDetails>('/api/housing/units', {
        districtCode: GAMLE_OSLO,
        type: 'ordinary',
      });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'NOT_YOUR_DISTRICT' });
      expect(refused.body.detail).toMatch(/Gamle Oslo/);
    });

    it('refuses intake and institution staff, who only read housing', async () => {
      for (const by of [intake, institutionStaff]) {
        const response = await by.post('/api/housing/units', { districtCode: SAGENE, type: 'ordinary' });
        expect(response.status).toBe(403);
      }
    });

    it('refuses a label that could carry a name or an address, and a label already used in the district', async () => {
      for (const label of ['Kari Hansen', 'Storgata 5', 'ABC', 'x'.repeat(30) + '1']) {
        const response = await admin.post<ProblemDetails>('/api/housing/units', {
          districtCode: SAGENE,
          type: 'ordinary',
          label,
        });
        expect(response.status).toBe(400);
        expect(response.body.detail).toMatch(/never an address or a name/);
      }
      await register(admin, { districtCode: SAGENE, type: 'ordinary', label: 'S-17' });
      const taken = await admin.post<ProblemDetails>('/api/housing/units', {
        districtCode: SAGENE,
        type: 'small-house',
        label: 'S-17',
      });
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({ code: 'LABEL_TAKEN' });
      await register(admin, { districtCode: GAMLE_OSLO, type: 'ordinary', label: 'S-17' });
    });

    it('refuses fields the contract does not know, so no free text gets in', async () => {
      const response = await admin.post<ProblemDetails>('/api/housing/units', {
        districtCode: SAGENE,
        type: 'ordinary',
        tenantName: 'Ola Nordmann',
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual(['Unrecognized key: "tenantName"']);
    });
  });

  describe('reading dwellings', () => {
    it('lets every role list dwellings, filtered by district, type and status', async () => {
      const unit = await register(admin, { districtCode: GAMLE_OSLO, type: 'transitional' });
      for (const by of [intake, institutionStaff, sageneStaff, admin]) {
        const list = expectStatus(
          await by.get<HousingUnitDto[]>(
            `/api/housing/units?districtCode=${GAMLE_OSLO}&type=transitional&status=vacant`,
          ),
          200,
        );
        expect(list.map((u) => u.id)).toContain(unit.id);
        expect(list.every((u) => u.districtCode === GAMLE_OSLO && u.type === 'transitional')).toBe(true);
        expect(expectStatus(await by.get<HousingUnitDto>(`/api/housing/units/${unit.id}`), 200)).toEqual(
          unit,
        );
      }
      const emptyFiltersAreNoFilters = expectStatus(
        await intake.get<HousingUnitDto[]>('/api/housing/units?districtCode=&type=transitional&status='),
        200,
      );
      expect(emptyFiltersAreNoFilters.map((u) => u.id)).toContain(unit.id);
      const occupied = expectStatus(
        await intake.get<HousingUnitDto[]>(`/api/housing/units?status=occupied&type=transitional`),
        200,
      );
      expect(occupied.map((u) => u.id)).not.toContain(unit.id);
    });

    it.each([
      ['status=free', 'status: must be one of: vacant, reserved, occupied, unavailable'],
      ['type=villa', `type: must be one of: ${HOUSING_TYPES.join(', ')}`],
      ['districtCode=0301', 'districtCode: must be one of: 030101, 030102'],
    ])('refuses the filter %s, listing the valid values', async (query, message) => {
      const response = await intake.get<ProblemDetails>(`/api/housing/units?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.stringContaining(message)]);
    });

    it('answers 404 for an unknown dwelling and 401 without a token', async () => {
      const missing = await intake.get<ProblemDetails>(`/api/housing/units/${randomUUID()}`);
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ code: 'HOUSING_UNIT_NOT_FOUND' });
      expect((await anonymous.get('/api/housing/units')).status).toBe(401);
    });
  });

  describe('status transitions', () => {
    const ALLOWED: Record<HousingStatus, HousingStatus[]> = {
      vacant: ['reserved', 'occupied', 'unavailable'],
      reserved: ['vacant', 'occupied', 'unavailable'],
      occupied: ['vacant', 'unavailable'],
      unavailable: ['vacant'],
    };
    const pairs = HOUSING_STATUSES.flatMap((from) => HOUSING_STATUSES.map((to) => [from, to] as const));
    const allowed = pairs.filter(([from, to]) => ALLOWED[from].includes(to));
    const refused = pairs.filter(([from, to]) => from !== to && !ALLOWED[from].includes(to));

    it.each(allowed)('allows %s → %s, bumps the sequence and announces it', async (from, to) => {
      const unit = await dwellingThatIs(from);
      const body = statusBody(to);
      const changed = expectStatus(
        await admin.put<HousingUnitDto>(`/api/housing/units/${unit.id}/status`, body),
        200,
      );
      expect(changed).toMatchObject({
        status: to,
        sequence: unit.sequence + 1,
        reason: to === 'unavailable' ? 'renovation' : null,
        reservedUntil: to === 'reserved' ? body.reservedUntil : null,
      });
      const event = await unitEvent(unit.id, changed.sequence);
      expect(event.data).toMatchObject({ status: to, previousStatus: from, change: 'status-changed' });
      expect(event.data.reason).toBe(to === 'unavailable' ? 'renovation' : undefined);
      expect(event.data.reservedUntil).toBe(to === 'reserved' ? body.reservedUntil : undefined);
    });

    it.each(HOUSING_STATUSES)(
      'refuses %s → the same status with a detail a housing officer understands',
      async (status) => {
        const unit = await dwellingThatIs(status);
        const response = await admin.put<ProblemDetails>(
          `/api/housing/units/${unit.id}/status`,
          statusBody(status),
        );
        expect(response.status).toBe(409);
        expect(response.body).toMatchObject({ code: 'STATUS_UNCHANGED', title: 'Status unchanged' });
        expect(response.body.detail).toMatch(new RegExp(`already ${status}`));
        expect(
          expectStatus(await admin.get<HousingUnitDto>(`/api/housing/units/${unit.id}`), 200).sequence,
        ).toBe(unit.sequence);
      },
    );

    it.each(refused)('refuses %s → %s, saying what is allowed', async (from, to) => {
      const unit = await dwellingThatIs(from);
      const response = await admin.put<ProblemDetails>(
        `/api/housing/units/${unit.id}/status`,
        statusBody(to),
      );
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        code: 'STATUS_TRANSITION_NOT_ALLOWED',
        from,
        to,
        allowed: ALLOWED[from],
      });
      expect(expectStatus(await admin.get<HousingUnitDto>(`/api/housing/units/${unit.id}`), 200)).toEqual(
        unit,
      );
    });

    it('says an occupied dwelling is never occupied twice', async () => {
      const unit = await dwellingThatIs('occupied');
      const response = await admin.put<ProblemDetails>(`/api/housing/units/${unit.id}/status`, {
        status: 'occupied',
      });
      expect(response.body.detail).toMatch(/already occupied.*set it vacant first/);
    });

    const DAY = 86_400_000;
    it.each([
      [
        'unavailable without a reason',
        { status: 'unavailable' },
        /reason is required when status is unavailable/,
      ],
      [
        'a reason outside the fixed list',
        { status: 'unavailable', reason: 'tenant complained' },
        /reason: must be one of: renovation, damage, other-use/,
      ],
      [
        'a reason with another status',
        { status: 'occupied', reason: 'damage' },
        /reason applies only when status is unavailable/,
      ],
      [
        'reserved without an end',
        { status: 'reserved' },
        /reservedUntil is required when status is reserved/,
      ],
      [
        'an end that is not a date',
        { status: 'reserved', reservedUntil: 'next week' },
        /reservedUntil: must be a date and time/,
      ],
      [
        'an end in the past',
        { status: 'reserved', reservedUntil: '2020-01-01T00:00:00Z' },
        /reservedUntil must be in the future/,
      ],
      [
        'an end 31 days ahead',
        { status: 'reserved', reservedUntil: new Date(Date.now() + 31 * DAY).toISOString() },
        /at most 30 days/,
      ],
      [
        'an end with another status',
        { status: 'vacant', reservedUntil: new Date(Date.now() + DAY).toISOString() },
        /reservedUntil applies only/,
      ],
      [
        'an unknown status',
        { status: 'let' },
        /status: must be one of: vacant, reserved, occupied, unavailable/,
      ],
    ])('refuses %s with 400', async (_case, body, detail) => {
      const unit = await register();
      const response = await admin.put<ProblemDetails>(`/api/housing/units/${unit.id}/status`, body);
      expect(response.status).toBe(400);
      expect(response.body.detail).toMatch(detail);
    });

    it('lets a reservation lapse back to vacant by itself, and announces it', async () => {
      const unit = await register();
      const reservedUntil = new Date(Date.now() + 2500).toISOString();
      const reserved = expectStatus(
        await sageneStaff.put<HousingUnitDto>(`/api/housing/units/${unit.id}/status`, {
          status: 'reserved',
          reservedUntil,
        }),
        200,
      );
      expect(reserved).toMatchObject({ status: 'reserved', reservedUntil, sequence: 2 });
      const expired = await eventually(
        async () => {
          const current = expectStatus(
            await intake.get<HousingUnitDto>(`/api/housing/units/${unit.id}`),
            200,
          );
          expect(current).toMatchObject({ status: 'vacant', reservedUntil: null, sequence: 3 });
          return current;
        },
        { timeoutMs: 10_000, intervalMs: 200 },
      );
      expect(new Date(expired.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(reservedUntil).getTime());
      const event = await unitEvent(unit.id, 3);
      expect(event.data).toMatchObject({
        status: 'vacant',
        previousStatus: 'reserved',
        change: 'reservation-expired',
      });
      expect(event.data.reservedUntil).toBeUndefined();
    });

    it("lets only admin and the owning district's staff change a dwelling's status", async () => {
      const unit = await register();
      for (const by of [gamleOsloStaff, intake, institutionStaff]) {
        const response = await by.put<ProblemDetails>(`/api/housing/units/${unit.id}/status`, {
          status: 'occupied',
        });
        expect(response.status).toBe(403);
      }
      const notYours = await gamleOsloStaff.put<ProblemDetails>(`/api/housing/units/${unit.id}/status`, {
        status: 'occupied',
      });
      expect(notYours.body).toMatchObject({ code: 'NOT_YOUR_DISTRICT' });
      expectStatus(
        await sageneStaff.put(`/api/housing/units/${unit.id}/status`, { status: 'occupied' }),
        200,
      );
      const missing = await admin.put<ProblemDetails>(`/api/housing/units/${randomUUID()}/status`, {
        status: 'vacant',
      });
      expect(missing.status).toBe(404);
    });

    it('answers a repeated Idempotency-Key with the first result and changes nothing', async () => {
      const unit = await register();
      const key = { 'idempotency-key': `occupy-${unit.id}` };
      const first = expectStatus(
        await sageneStaff.put<HousingUnitDto>(
          `/api/housing/units/${unit.id}/status`,
          { status: 'occupied' },
          key,
        ),
        200,
      );
      const repeat = await sageneStaff.put<HousingUnitDto>(
        `/api/housing/units/${unit.id}/status`,
        { status: 'occupied' },
        key,
      );
      expect(repeat.status).toBe(200);
      expect(repeat.body).toEqual(first);
      expect(
        expectStatus(await admin.get<HousingUnitDto>(`/api/housing/units/${unit.id}`), 200).sequence,
      ).toBe(2);
      const other = await register();
      const reused = await sageneStaff.put<ProblemDetails>(
        `/api/housing/units/${other.id}/status`,
        { status: 'occupied' },
        key,
      );
      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    });

    it('refuses the same key with another body (422, nothing changed), and answers a repeat only after the district check', async () => {
      const unit = await register();
      const key = { 'idempotency-key': `body-${unit.id}` };
      const path = `/api/housing/units/${unit.id}/status`;
      const first = expectStatus(
        await sageneStaff.put<HousingUnitDto>(path, { status: 'occupied' }, key),
        200,
      );
      const otherBody = await sageneStaff.put<ProblemDetails>(path, statusBody('unavailable'), key);
      expect(otherBody.status).toBe(422);
      expect(otherBody.body).toMatchObject({
        code: 'IDEMPOTENCY_KEY_REUSED',
        detail: expect.stringMatching(/different body/),
      });
      // Gamle Oslo's staff token has the same subject (dev-district-staff) but not Sagene's district.
      const otherDistrict = await gamleOsloStaff.put<ProblemDetails>(path, { status: 'occupied' }, key);
      expect(otherDistrict.status).toBe(403);
      expect(otherDistrict.body).toMatchObject({ code: 'NOT_YOUR_DISTRICT' });
      expect(JSON.stringify(otherDistrict.body)).not.toContain('"sequence"');
      expect(expectStatus(await admin.get<HousingUnitDto>(`/api/housing/units/${unit.id}`), 200)).toEqual(
        first,
      );
    });
  });

  describe('housing need', () => {
    it('lists every district, with zeros and sequence 0 before anything is registered', async () => {
      const needs = expectStatus(await institutionStaff.get<HousingNeedDto[]>('/api/housing/needs'), 200);
      expect(needs).toHaveLength(18);
      const stovner = needs.find((n) => n.districtCode === '030111');
      expect(stovner).toMatchObject({ total: 0, sequence: 0, updatedAt: null });
      expect(Object.keys(stovner?.needs ?? {})).toEqual([...HOUSING_TYPES]);
    });

    it("replaces a district's need, counting left-out types as 0, and announces the whole map", async () => {
      const first = expectStatus(
        await admin.put<HousingNeedDto>(`/api/housing/needs/${SAGENE}`, {
          needs: { 'cluster-staffed-partial': 31, 'cluster-staffed-24h': 14, ordinary: 19 },
        }),
        200,
      );
      expect(first).toMatchObject({ districtCode: SAGENE, total: 64, sequence: 1 });
      const second = expectStatus(
        await sageneStaff.put<HousingNeedDto>(`/api/housing/needs/${SAGENE}`, { needs: { ordinary: 20 } }),
        200,
      );
      expect(second).toMatchObject({ total: 20, sequence: 2 });
      expect(second.needs['cluster-staffed-partial']).toBe(0);
      expect(expectStatus(await intake.get<HousingNeedDto>(`/api/housing/needs/${SAGENE}`), 200)).toEqual(
        second,
      );
      const event = await eventually(() => {
        const found = needEvents(SAGENE).find((e) => e.sequence === 2);
        expect(found).toBeDefined();
        return found as HousingNeedChangedEvent;
      });
      expect(event.subject).toBe(`need:${SAGENE}`);
      expect(event.data).toEqual({ districtCode: SAGENE, needs: second.needs });
    });

    it('changes nothing and announces nothing when the numbers are the same', async () => {
      const before = expectStatus(
        await admin.put<HousingNeedDto>(`/api/housing/needs/${GAMLE_OSLO}`, { needs: { 'small-house': 3 } }),
        200,
      );
      const again = expectStatus(
        await admin.put<HousingNeedDto>(`/api/housing/needs/${GAMLE_OSLO}`, {
          needs: { 'small-house': 3, ordinary: 0 },
        }),
        200,
      );
      expect(again).toEqual(before);
      // A later change arrives with the next sequence: nothing was announced in between.
      const after = expectStatus(
        await admin.put<HousingNeedDto>(`/api/housing/needs/${GAMLE_OSLO}`, { needs: { 'small-house': 4 } }),
        200,
      );
      expect(after.sequence).toBe(before.sequence + 1);
      await eventually(() => expect(needEvents(GAMLE_OSLO).map((e) => e.sequence)).toEqual([1, 2]));
    });

    it("lets district staff register their own district's need and no other's", async () => {
      const refused = await sageneStaff.put<ProblemDetails>(`/api/housing/needs/${GAMLE_OSLO}`, {
        needs: { ordinary: 1 },
      });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'NOT_YOUR_DISTRICT' });
      for (const by of [intake, institutionStaff]) {
        expect((await by.put(`/api/housing/needs/${SAGENE}`, { needs: { ordinary: 1 } })).status).toBe(403);
      }
    });

    it.each([
      [
        { needs: { penthouse: 2 } },
        `needs: penthouse is not a housing type; valid types are: ${HOUSING_TYPES.join(', ')}`,
      ],
      [{ needs: { ordinary: -1 } }, 'needs.ordinary: must be a whole number of households from 0 to 100000'],
      [{ needs: { ordinary: 2.5 } }, 'needs.ordinary: must be a whole number'],
      [{ needs: { ordinary: 100_001 } }, 'needs.ordinary: must be a whole number'],
      [{ needs: {} }, 'needs: must name at least one housing type'],
      [{}, 'needs: must be an object'],
    ])('refuses %o with 400', async (body, detail) => {
      const response = await admin.put<ProblemDetails>(`/api/housing/needs/${SAGENE}`, body);
      expect(response.status).toBe(400);
      expect(response.body.detail).toContain(detail);
    });

    it('refuses an unknown district code, listing the valid ones', async () => {
      const response = await intake.get<ProblemDetails>('/api/housing/needs/0399');
      expect(response.status).toBe(400);
      expect(response.body.detail).toContain('030101, 030102');
    });
  });

  describe('events and documentation', () => {
    it('puts every change on housing.availability.v1, valid, keyed by its aggregate, each sequence rising by exactly one', async () => {
      const units = expectStatus(await admin.get<HousingUnitDto[]>('/api/housing/units'), 200);
      const needs = expectStatus(await admin.get<HousingNeedDto[]>('/api/housing/needs'), 200);
      const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
      await eventually(
        () => {
          for (const unit of units)
            expect(unitEvents(unit.id).map((e) => e.sequence)).toEqual(range(unit.sequence));
          for (const need of needs)
            expect(needEvents(need.districtCode).map((e) => e.sequence)).toEqual(range(need.sequence));
        },
        { timeoutMs: 15_000 },
      );
      expect(log.invalid).toEqual([]);
      expect(log.events).toHaveLength(
        units.reduce((n, u) => n + u.sequence, 0) + needs.reduce((n, d) => n + d.sequence, 0),
      );
    });

    it('serves its OpenAPI document at /api/housing/docs, with its routes only', async () => {
      const document = expectStatus(
        await anonymous.get<{ paths: Record<string, unknown> }>('/api/housing/docs/openapi.json'),
        200,
      );
      // Health and metrics are for probes and Prometheus, not part of the API (docs/decisions/0152).
      expect(Object.keys(document.paths).sort()).toEqual([
        '/api/housing/needs',
        '/api/housing/needs/{districtCode}',
        '/api/housing/units',
        '/api/housing/units/{id}',
        '/api/housing/units/{id}/status',
      ]);
    });
  });
});
