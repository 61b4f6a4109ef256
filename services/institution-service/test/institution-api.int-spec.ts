/**
 * The institution service's REST contract against a real process, PostgreSQL and Kafka: every operation,
 * every rule, the role matrix, idempotency and the OpenAPI document. Each write is checked twice: the
 * HTTP answer, and the `unit.occupancy-changed` event that reached Kafka. Success answers are read through
 * the contract's client (`api`), which parses each with its route's response schema; refusals and
 * headers through the raw client (`as`).
 */
import { randomUUID } from 'node:crypto';
import { signDevToken, type AuthUser } from '@plass/auth';
import {
  admitResident,
  blockPlaces,
  CAPACITY_CHANGE_REASONS,
  changeCapacity,
  closeUnit,
  contractClient,
  dischargeResident,
  getInstitution,
  getUnit,
  institutionRoutes,
  liftBlock,
  listInstitutions,
  listOpenBlocks,
  listOpenReservations,
  listOpenStays,
  openApiPath,
  registerInstitution,
  registerUnit,
  releaseReservation,
  renameInstitution,
  renameUnit,
  reportCensus,
  reservePlace,
  setUnitFeatures,
  TOPICS,
  Unit,
  UnitResult,
  unitOccupancyChanged,
  type AdmissionResultDto,
  type AdmitResidentBody,
  type ContractClient,
  type InstitutionDto,
  type ProblemDetails,
  type UnitDto,
  type UnitOccupancyChangedEvent,
} from '@plass/contracts';
import {
  BLOCK_REASONS,
  DISTRICT_CODES,
  PROVIDER_TYPES,
  REFERRAL_NEEDS,
  SERVICE_CATEGORY_CODES,
} from '@plass/domain';
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
import { addDays, osloToday } from '../src/common/time';

// The spawned service inherits this: expiry is checked four times a second instead of every 5 s.
process.env.EXPIRY_INTERVAL_MS = '250';

type Role = 'admin' | 'staffA' | 'staffB' | 'intake' | 'sagene' | 'anonymous';

const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
const inDays = (days: number) => inSeconds(days * 86_400);

describe('institution service REST contract', () => {
  let stack: TestStack;
  let probe: KafkaProbe<UnitOccupancyChangedEvent>;
  /** The raw client of each role: any request, any answer. */
  let as: Record<Role, ApiClient>;
  /** The contract's client of each role: a success answer parsed by its route's schema, a refusal thrown. */
  let api: Record<Role, ContractClient>;
  let institutionA: InstitutionDto;
  let institutionB: InstitutionDto;

  type User = Omit<AuthUser, 'sub'> & { sub: string };
  const contractFor = (token?: string): ContractClient =>
    contractClient({
      baseUrl: stack.urlOf('institution-service'),
      headers: (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {}),
    });
  const client = async (user: User) =>
    new ApiClient(stack.urlOf('institution-service'), await signDevToken(user));
  const contractClientOf = async (user: User) => contractFor(await signDevToken(user));

  async function newUnit(capacity = 8, institution = institutionA): Promise<UnitDto> {
    return api.admin.call(registerUnit, {
      params: { id: institution.id },
      body: unitFactory().capacity(capacity).build(),
    });
  }

  async function admit(unit: UnitDto, body: Partial<AdmitResidentBody> = {}): Promise<AdmissionResultDto> {
    return api.staffA.call(admitResident, {
      params: { unitId: unit.id },
      body: { referringDistrictCode: '030103', ...body },
    });
  }

  /** A 400 whose `errors` name `field` first, with every value of `values` (an enum's list) quoted. */
  function expectRefusedField(problem: ProblemDetails, field: string, values: readonly string[] = []): void {
    const message = problem.errors?.find((m) => m.startsWith(`${field}: `));
    expect({ errors: problem.errors, message }).toEqual({
      errors: problem.errors,
      message: expect.any(String),
    });
    for (const value of values) expect(message).toContain(`"${value}"`);
  }

  /** The event of `unitId` with `sequence`, as it reached Kafka. */
  async function eventOf(unitId: string, sequence: number): Promise<UnitOccupancyChangedEvent> {
    const [event] = await probe.waitFor((e) => e.subject === unitId && e.sequence === sequence);
    return event;
  }

  /** Waits for the unit's event `upTo`, then checks Kafka holds exactly sequences 1…upTo: no gap, no duplicate. */
  async function expectEventSequences(unitId: string, upTo: number): Promise<void> {
    await eventOf(unitId, upTo);
    const sequences = probe
      .values()
      .filter((e) => e.subject === unitId)
      .map((e) => e.sequence);
    expect(sequences).toEqual(Array.from({ length: upTo }, (_, i) => i + 1));
  }

  function expectProblem(response: ApiResponse<unknown>, status: number, code?: string): ProblemDetails {
    expect({ status: response.status, body: response.body }).toMatchObject({ status });
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = response.body as ProblemDetails;
    expect(problem.status).toBe(status);
    expect(problem.detail).toEqual(expect.any(String));
    expect(problem.detail.length).toBeGreaterThan(10);
    if (code) expect(problem.code).toBe(code);
    return problem;
  }

  beforeAll(async () => {
    stack = await startTestStack({ only: ['institution-service'] });
    probe = await startKafkaProbe(stack.messaging, TOPICS.institutionOccupancy, {
      parse: (value) => unitOccupancyChanged.parse(value),
    });
    const admin = await signDevToken({
      sub: 'admin-1',
      roles: ['admin'],
      institutionIds: [],
      districtCode: null,
    });
    institutionA = await contractFor(admin).call(registerInstitution, {
      body: institutionFactory().name('Holmen').district('030107').build(),
    });
    institutionB = await contractFor(admin).call(registerInstitution, {
      body: institutionFactory()
        .name('Ideelt ressurssenter')
        .providerType('nonprofit')
        .district('030110')
        .build(),
    });
    const tokens: Record<Role, string | undefined> = {
      admin,
      staffA: await signDevToken({
        sub: 'staff-a',
        roles: ['institution-staff'],
        institutionIds: [institutionA.id],
        districtCode: null,
      }),
      staffB: await signDevToken({
        sub: 'staff-b',
        roles: ['institution-staff'],
        institutionIds: [institutionB.id],
        districtCode: null,
      }),
      intake: await signDevToken({
        sub: 'intake-1',
        roles: ['intake'],
        institutionIds: [],
        districtCode: null,
      }),
      sagene: await signDevToken({
        sub: 'sagene-1',
        roles: ['district-staff'],
        institutionIds: [],
        districtCode: '030103',
      }),
      anonymous: undefined,
    };
    const roles = Object.keys(tokens) as Role[];
    as = Object.fromEntries(
      roles.map((role) => [role, new ApiClient(stack.urlOf('institution-service'), tokens[role])]),
    ) as Record<Role, ApiClient>;
    api = Object.fromEntries(roles.map((role) => [role, contractFor(tokens[role])])) as Record<
      Role,
      ContractClient
    >;
  }, 120_000);

  afterAll(async () => {
    await probe?.stop();
    await stack?.dispose();
  });

  describe('registry', () => {
    it('registers a unit with its category and provider type and announces it with a registered event', async () => {
      const unit = await api.admin.call(registerUnit, {
        params: { id: institutionB.id },
        body: { name: 'Ressurssenteret', category: 'resource-centre', capacity: 28 },
      });
      expect(unit).toMatchObject({ category: 'resource-centre', capacity: 28, available: 28, sequence: 1 });
      const event = await eventOf(unit.id, 1);
      expect(event.data).toMatchObject({
        institutionId: institutionB.id,
        institutionName: 'Ideelt ressurssenter',
        providerType: 'nonprofit',
        districtCode: '030110',
        category: 'resource-centre',
        capacity: 28,
        available: 28,
        change: { kind: 'registered' },
      });
    });

    it('lists institutions with their units and counts, and reads one institution and one unit', async () => {
      const unit = await newUnit(6);
      await admit(unit);
      const list = await api.sagene.call(listInstitutions, {});
      const listed = list.find((i) => i.id === institutionA.id);
      expect(listed?.units.find((u) => u.id === unit.id)).toMatchObject({
        capacity: 6,
        occupied: 1,
        available: 5,
        sequence: 2,
      });
      const one = await api.intake.call(getInstitution, { params: { id: institutionA.id } });
      expect(one.units.map((u) => u.id)).toContain(unit.id);
      const read = await as.staffB.get(`/api/units/${unit.id}`);
      expect(read.status).toBe(200);
      expect(Unit.parse(read.body)).toMatchObject({ occupied: 1, sequence: 2 });
      expect(read.headers.get('etag')).toBe('"2"');
    });

    it('answers 404 problems for an unknown institution or unit, and 400 for an id that is not a uuid', async () => {
      expectProblem(await as.admin.get(`/api/institutions/${randomUUID()}`), 404, 'INSTITUTION_NOT_FOUND');
      expectProblem(await as.admin.get(`/api/units/${randomUUID()}`), 404, 'UNIT_NOT_FOUND');
      expectProblem(
        await as.admin.post(`/api/institutions/${randomUUID()}/units`, unitFactory().build()),
        404,
        'INSTITUTION_NOT_FOUND',
      );
      expectProblem(await as.admin.get('/api/units/not-a-uuid'), 400);
    });

    it('refuses a category or district that does not exist, listing the valid ones', async () => {
      const category = expectProblem(
        await as.admin.post(`/api/institutions/${institutionA.id}/units`, {
          name: 'Avdeling X',
          category: 'detox',
          capacity: 4,
        }),
        400,
      );
      expectRefusedField(category, 'category', SERVICE_CATEGORY_CODES);
      const district = expectProblem(
        await as.admin.post('/api/institutions', {
          name: 'X',
          providerType: 'municipal',
          districtCode: '0301',
        }),
        400,
      );
      expectRefusedField(district, 'districtCode', DISTRICT_CODES);
      const provider = expectProblem(
        await as.admin.post('/api/institutions', {
          name: 'X',
          providerType: 'state',
          districtCode: '030101',
        }),
        400,
      );
      expectRefusedField(provider, 'providerType', PROVIDER_TYPES);
    });

    it('refuses negative, fractional or absurd capacities', async () => {
      for (const capacity of [-1, 2.5, 1001, '8']) {
        const problem = expectProblem(
          await as.admin.post(`/api/institutions/${institutionA.id}/units`, {
            ...unitFactory().build(),
            capacity,
          }),
          400,
        );
        expectRefusedField(problem, 'capacity');
      }
    });
  });

  describe('names and renames (ADR 0110, 0111)', () => {
    const rename = (raw: ApiClient, path: string, name: unknown) => raw.request('PATCH', path, { name });

    it('refuses a NUL, a control character or an identity number in a name with 400, never 500', async () => {
      const unit = await newUnit();
      for (const [name, detail] of [
        ['Avdeling\u0000 1', /name: must not contain control characters \(found U\+0000\)/],
        ['Avdeling\t1', /control characters/],
        ['Avdeling \udc00', /unpaired UTF-16 surrogate/],
        ['Avdeling 01019012480', /national identity number/],
        ['Avdeling 010190 12345', /national identity number/],
      ] as const) {
        for (const response of [
          await as.admin.post('/api/institutions', institutionFactory().name(name).build()),
          await as.admin.post(`/api/institutions/${institutionA.id}/units`, unitFactory().name(name).build()),
          await rename(as.admin, `/api/institutions/${institutionA.id}`, name),
          await rename(as.admin, `/api/units/${unit.id}`, name),
        ]) {
          expect(expectProblem(response, 400).detail).toMatch(detail);
        }
      }
      // Nothing of it was stored or announced.
      expect((await api.admin.call(getUnit, { params: { unitId: unit.id } })).sequence).toBe(1);
    });

    it('renames a unit with a renamed event carrying the new name; the same name again changes nothing', async () => {
      const unit = await newUnit();
      const renameTo = (name: string) =>
        api.admin.call(renameUnit, { params: { unitId: unit.id }, body: { name } });
      const result = await renameTo('Avdeling nytt navn');
      expect(result.unit).toMatchObject({ id: unit.id, name: 'Avdeling nytt navn', sequence: 2 });
      const event = await eventOf(unit.id, 2);
      expect(event.data).toMatchObject({ unitName: 'Avdeling nytt navn', change: { kind: 'renamed' } });
      expect(event.data.capacity).toBe(unit.capacity);
      await renameTo('Avdeling nytt navn');
      expect(await api.admin.call(getUnit, { params: { unitId: unit.id } })).toMatchObject({
        name: 'Avdeling nytt navn',
        sequence: 2,
      });
    });

    it('renames an institution with one renamed event per unit, and replays a repeated Idempotency-Key', async () => {
      const institution = await api.admin.call(registerInstitution, { body: institutionFactory().build() });
      const units = [await newUnit(4, institution), await newUnit(6, institution)];
      const headers = { 'Idempotency-Key': `rename-${randomUUID()}` };
      const renameIt = () =>
        api.admin.call(
          renameInstitution,
          { params: { id: institution.id }, body: { name: 'Nytt institusjonsnavn' } },
          { headers },
        );
      const renamed = await renameIt();
      expect(renamed.name).toBe('Nytt institusjonsnavn');
      expect(renamed.units.map((u) => u.sequence)).toEqual([2, 2]);
      for (const unit of units) {
        const event = await eventOf(unit.id, 2);
        expect(event.data).toMatchObject({
          unitName: unit.name,
          institutionName: 'Nytt institusjonsnavn',
          change: { kind: 'renamed' },
        });
      }
      expect(await renameIt()).toEqual(renamed);
      await expectEventSequences(units[0].id, 2);
      expect((await api.admin.call(getInstitution, { params: { id: institution.id } })).name).toBe(
        'Nytt institusjonsnavn',
      );
    });

    it('refuses a name another institution or another unit of the same institution already has (409)', async () => {
      const first = await newUnit();
      const second = await newUnit();
      expectProblem(await rename(as.admin, `/api/units/${second.id}`, first.name), 409, 'NAME_TAKEN');
      expectProblem(
        await as.admin.post(
          `/api/institutions/${institutionA.id}/units`,
          unitFactory().name(first.name).build(),
        ),
        409,
        'NAME_TAKEN',
      );
      // Letter case and surrounding spaces make no other name.
      expectProblem(
        await as.admin.post('/api/institutions', institutionFactory().name(' holmen ').build()),
        409,
        'NAME_TAKEN',
      );
      expectProblem(
        await rename(as.admin, `/api/institutions/${institutionB.id}`, 'Holmen'),
        409,
        'NAME_TAKEN',
      );
      // Another institution may have a unit of the same name.
      expect(
        await api.admin.call(registerUnit, {
          params: { id: institutionB.id },
          body: unitFactory().name(first.name).build(),
        }),
      ).toMatchObject({ institutionId: institutionB.id, name: first.name });
    });

    it('lets only admin rename, and answers 404 for what does not exist', async () => {
      const unit = await newUnit();
      for (const raw of [as.staffA, as.intake, as.sagene]) {
        expectProblem(await rename(raw, `/api/units/${unit.id}`, 'Ikke lov'), 403);
        expectProblem(await rename(raw, `/api/institutions/${institutionA.id}`, 'Ikke lov'), 403);
      }
      expectProblem(
        await rename(as.admin, `/api/units/${randomUUID()}`, 'Finnes ikke'),
        404,
        'UNIT_NOT_FOUND',
      );
      expectProblem(
        await rename(as.admin, `/api/institutions/${randomUUID()}`, 'Finnes ikke'),
        404,
        'INSTITUTION_NOT_FOUND',
      );
    });
  });

  describe('features (ADR 0154)', () => {
    const putFeatures = (raw: ApiClient, unitId: string, features: unknown) =>
      raw.request('PUT', `/api/units/${unitId}/features`, { features });

    it('registers a unit with features, answered and announced in the order of the needs list', async () => {
      const unit = await api.admin.call(registerUnit, {
        params: { id: institutionA.id },
        body: unitFactory().features('co-occurring', 'women-only').build(),
      });
      expect(unit).toMatchObject({ features: ['women-only', 'co-occurring'], sequence: 1 });
      const event = await eventOf(unit.id, 1);
      expect(event.data).toMatchObject({
        features: ['women-only', 'co-occurring'],
        change: { kind: 'registered' },
      });
      expect((await api.sagene.call(getUnit, { params: { unitId: unit.id } })).features).toEqual([
        'women-only',
        'co-occurring',
      ]);
      const listed = await api.intake.call(getInstitution, { params: { id: institutionA.id } });
      expect(listed.units.find((u) => u.id === unit.id)?.features).toEqual(['women-only', 'co-occurring']);
    });

    it('registers a unit without features as having none, and says so in its event', async () => {
      // JSON leaves an undefined field out: the body names no features at all.
      const body = { ...unitFactory().build(), features: undefined };
      const unit = await api.admin.call(registerUnit, { params: { id: institutionA.id }, body });
      expect(unit.features).toEqual([]);
      expect((await eventOf(unit.id, 1)).data.features).toEqual([]);
    });

    it('replaces the features with a features-changed event; the same set in another order changes nothing', async () => {
      const unit = await newUnit(6);
      await admit(unit);
      const set = (features: UnitDto['features'], headers?: Record<string, string>) =>
        api.admin.call(setUnitFeatures, { params: { unitId: unit.id }, body: { features } }, { headers });
      const headers = { 'Idempotency-Key': `features-${randomUUID()}` };
      const result = await set(['wheelchair', 'couple'], headers);
      expect(result.unit).toMatchObject({
        id: unit.id,
        features: ['couple', 'wheelchair'],
        occupied: 1,
        available: 5,
        sequence: 3,
      });
      const event = await eventOf(unit.id, 3);
      expect(event.data).toMatchObject({
        features: ['couple', 'wheelchair'],
        capacity: 6,
        occupied: 1,
        available: 5,
        change: { kind: 'features-changed' },
      });
      // A retry with the same key gets the first answer and writes nothing.
      expect(await set(['wheelchair', 'couple'], headers)).toEqual(result);
      expect((await set(['wheelchair', 'couple'])).unit.sequence).toBe(3);
      const cleared = await set([]);
      expect(cleared.unit).toMatchObject({ features: [], sequence: 4 });
      expect((await eventOf(unit.id, 4)).data).toMatchObject({
        features: [],
        change: { kind: 'features-changed' },
      });
      await expectEventSequences(unit.id, 4);
    });

    it('refuses an unknown feature or one named twice with 400, and stores nothing', async () => {
      const unit = await newUnit();
      for (const features of [['pets'], ['couple', 'couple'], 'couple', null]) {
        const problem = expectProblem(await putFeatures(as.admin, unit.id, features), 400);
        expect(problem.errors).toEqual([expect.stringMatching(/^features(\.0)?: /)]);
      }
      expect(
        expectProblem(await putFeatures(as.admin, unit.id, ['wheelchair', 'sauna']), 400).errors,
      ).toEqual(['features.1: must be one of the features women-only, couple, wheelchair, co-occurring']);
      expect(
        expectProblem(
          await as.admin.post(`/api/institutions/${institutionA.id}/units`, {
            ...unitFactory().build(),
            features: ['wheelchair', 'sauna'],
          }),
          400,
        ).errors,
      ).toEqual(['features.1: must be one of the features women-only, couple, wheelchair, co-occurring']);
      expect(await api.admin.call(getUnit, { params: { unitId: unit.id } })).toMatchObject({
        features: [],
        sequence: 1,
      });
    });

    it('lets only admin set features (403), and answers 404 for an unknown unit and 409 for a closed one', async () => {
      const unit = await newUnit();
      for (const raw of [as.staffA, as.staffB, as.intake, as.sagene]) {
        expectProblem(await putFeatures(raw, unit.id, ['wheelchair']), 403);
      }
      expectStatus(await putFeatures(as.anonymous, unit.id, ['wheelchair']), 401);
      expectProblem(await putFeatures(as.admin, randomUUID(), ['wheelchair']), 404, 'UNIT_NOT_FOUND');
      await api.admin.call(closeUnit, { params: { unitId: unit.id } });
      expectProblem(await putFeatures(as.admin, unit.id, ['wheelchair']), 409, 'UNIT_CLOSED');
      expect(await api.admin.call(getUnit, { params: { unitId: unit.id } })).toMatchObject({
        features: [],
        sequence: 2,
      });
    });
  });

  describe('admissions and discharges', () => {
    it('admits a resident with referring district and planned discharge date; the event carries the resulting state', async () => {
      const unit = await newUnit(4);
      const planned = addDays(osloToday(), 30);
      const result = await admit(unit, { referringDistrictCode: '030115', plannedDischargeDate: planned });
      expect(result.stayId).toMatch(/^[0-9a-f-]{36}$/);
      expect(result.unit).toMatchObject({ occupied: 1, available: 3, sequence: 2 });
      const event = await eventOf(unit.id, 2);
      expect(event.data).toMatchObject({
        capacity: 4,
        occupied: 1,
        available: 3,
        change: {
          kind: 'admission',
          stayId: result.stayId,
          referringDistrictCode: '030115',
          plannedDischargeDate: planned,
        },
      });
    });

    it('refuses an admission to a full unit with 409 unless allowOverCapacity, which then goes into overcapacity', async () => {
      const unit = await newUnit(1);
      await admit(unit);
      const refused = expectProblem(
        await as.staffA.post(`/api/units/${unit.id}/admissions`, { referringDistrictCode: '030101' }),
        409,
        'NO_AVAILABLE_PLACE',
      );
      expect(refused.detail).toMatch(/allowOverCapacity/);
      expect(refused.unit).toMatchObject({ occupied: 1, available: 0 });
      const forced = await admit(unit, { allowOverCapacity: true });
      expect(forced.unit).toMatchObject({ occupied: 2, available: -1, sequence: 3 });
      expect((await eventOf(unit.id, 3)).data).toMatchObject({ occupied: 2, available: -1 });
      await expectEventSequences(unit.id, 3);
    });

    it('refuses a planned discharge date before today, far ahead, or not a date', async () => {
      const unit = await newUnit(4);
      for (const plannedDischargeDate of [addDays(osloToday(), -1), addDays(osloToday(), 5 * 366 + 1)]) {
        const problem = expectProblem(
          await as.staffA.post(`/api/units/${unit.id}/admissions`, {
            referringDistrictCode: '030101',
            plannedDischargeDate,
          }),
          400,
          'INVALID_VALUE',
        );
        expect(problem.detail).toContain(plannedDischargeDate);
      }
      for (const plannedDischargeDate of ['2026-02-30', '20.12.2026', '2026-12-20T10:00:00Z']) {
        expectProblem(
          await as.staffA.post(`/api/units/${unit.id}/admissions`, {
            referringDistrictCode: '030101',
            plannedDischargeDate,
          }),
          400,
        );
      }
      expect((await api.staffA.call(getUnit, { params: { unitId: unit.id } })).occupied).toBe(0);
    });

    it('refuses an unknown district and any unknown field, so no names or identity numbers get in', async () => {
      const unit = await newUnit(4);
      const district = expectProblem(
        await as.staffA.post(`/api/units/${unit.id}/admissions`, { referringDistrictCode: 'Sagene' }),
        400,
      );
      expectRefusedField(district, 'referringDistrictCode', DISTRICT_CODES);
      const smuggled = expectProblem(
        await as.staffA.post(`/api/units/${unit.id}/admissions`, {
          referringDistrictCode: '030103',
          name: 'Ola Nordmann',
          nationalId: '01019012345',
        }),
        400,
      );
      expect(smuggled.errors).toEqual(['Unrecognized keys: "name", "nationalId"']);
      const commented = expectProblem(
        await as.staffA.post(`/api/units/${unit.id}/discharges`, {
          stayId: randomUUID(),
          reason: 'planned',
          comment: 'Ola flyttet hjem',
        }),
        400,
      );
      expect(commented.errors).toEqual(['Unrecognized key: "comment"']);
      expect((await api.staffA.call(getUnit, { params: { unitId: unit.id } })).sequence).toBe(1);
    });

    it('discharges a stay with a reason; an unknown, foreign or already discharged stay is 409', async () => {
      const unit = await newUnit(4);
      const other = await newUnit(4);
      const { stayId } = await admit(unit, { referringDistrictCode: '030112' });
      const { stayId: otherStay } = await admit(other);
      expectRefusedField(
        expectProblem(
          await as.staffA.post(`/api/units/${unit.id}/discharges`, { stayId, reason: 'evicted' }),
          400,
        ),
        'reason',
        ['planned', 'immediate'],
      );
      const discharged = await api.staffA.call(dischargeResident, {
        params: { unitId: unit.id },
        body: { stayId, reason: 'immediate' },
      });
      expect(discharged.unit).toMatchObject({ occupied: 0, available: 4, sequence: 3 });
      expect((await eventOf(unit.id, 3)).data.change).toEqual({
        kind: 'discharge',
        stayId,
        referringDistrictCode: '030112',
        dischargeReason: 'immediate',
      });
      const again = expectProblem(
        await as.staffA.post(`/api/units/${unit.id}/discharges`, { stayId, reason: 'planned' }),
        409,
        'STAY_ALREADY_DISCHARGED',
      );
      expect(again.detail).toContain(stayId);
      expectProblem(
        await as.staffA.post(`/api/units/${unit.id}/discharges`, { stayId: randomUUID(), reason: 'planned' }),
        409,
        'STAY_NOT_FOUND',
      );
      expectProblem(
        await as.staffA.post(`/api/units/${unit.id}/discharges`, { stayId: otherStay, reason: 'planned' }),
        409,
        'STAY_NOT_FOUND',
      );
      await expectEventSequences(unit.id, 3);
    });

    it('lists the open stays of a unit to the staff of its institution, as its schema says (issue 13)', async () => {
      const unit = await newUnit(4);
      const planned = addDays(osloToday(), 10);
      const { stayId } = await admit(unit, { plannedDischargeDate: planned });
      const { stayId: unplanned } = await admit(unit, { referringDistrictCode: '030101' });
      // Parsed by the route's schema: a planned discharge date is a calendar date or null.
      const stays = await api.staffA.call(listOpenStays, { params: { unitId: unit.id } });
      expect(stays).toEqual([
        {
          stayId,
          unitId: unit.id,
          referringDistrictCode: '030103',
          admittedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
          plannedDischargeDate: planned,
        },
        expect.objectContaining({
          stayId: unplanned,
          referringDistrictCode: '030101',
          plannedDischargeDate: null,
        }),
      ]);
      expectProblem(await as.staffB.get(`/api/units/${unit.id}/stays`), 403, 'NOT_YOUR_INSTITUTION');
      expectProblem(await as.intake.get(`/api/units/${unit.id}/stays`), 403);
    });
  });

  describe('blocked places', () => {
    it('blocks places with a reason and lifts them again, each with its event', async () => {
      const unit = await newUnit(10);
      const blocked = await api.staffA.call(blockPlaces, {
        params: { unitId: unit.id },
        body: { places: 2, reason: 'maintenance' },
      });
      expect(blocked.unit).toMatchObject({ blocked: 2, available: 8, sequence: 2 });
      expect((await eventOf(unit.id, 2)).data).toMatchObject({
        blocked: 2,
        available: 8,
        change: { kind: 'block', places: 2, reason: 'maintenance' },
      });
      const open = await api.intake.call(listOpenBlocks, { params: { unitId: unit.id } });
      expect(open).toEqual([
        expect.objectContaining({ id: blocked.blockId, places: 2, reason: 'maintenance', until: null }),
      ]);

      const lifted = await api.staffA.call(liftBlock, {
        params: { unitId: unit.id, blockId: blocked.blockId },
      });
      expect(lifted.unit).toMatchObject({ blocked: 0, available: 10, sequence: 3 });
      expect((await eventOf(unit.id, 3)).data).toMatchObject({
        blocked: 0,
        change: { kind: 'unblock', places: 2, reason: 'maintenance' },
      });
      expectProblem(
        await as.staffA.delete(`/api/units/${unit.id}/blocks/${blocked.blockId}`),
        409,
        'BLOCK_ALREADY_RELEASED',
      );
      expectProblem(
        await as.staffA.delete(`/api/units/${unit.id}/blocks/${randomUUID()}`),
        404,
        'BLOCK_NOT_FOUND',
      );
      expect(await api.intake.call(listOpenBlocks, { params: { unitId: unit.id } })).toEqual([]);
    });

    it('releases a block by itself when its end time passes', async () => {
      const unit = await newUnit(6);
      const until = inSeconds(2.5);
      const { blockId } = await api.staffA.call(blockPlaces, {
        params: { unitId: unit.id },
        body: { places: 3, reason: 'staffing', until },
      });
      expect(await api.intake.call(listOpenBlocks, { params: { unitId: unit.id } })).toEqual([
        expect.objectContaining({ id: blockId, until }),
      ]);
      const released = await eventOf(unit.id, 3);
      expect(released.data).toMatchObject({
        blocked: 0,
        available: 6,
        change: { kind: 'unblock', places: 3, reason: 'staffing' },
      });
      expect((await api.intake.call(getUnit, { params: { unitId: unit.id } })).blocked).toBe(0);
      expectProblem(
        await as.staffA.delete(`/api/units/${unit.id}/blocks/${blockId}`),
        409,
        'BLOCK_ALREADY_RELEASED',
      );
    });

    it('refuses zero, negative, fractional or too many places, an unknown reason and an end time in the past', async () => {
      const unit = await newUnit(5);
      for (const places of [0, -2, 1.5, 1001]) {
        expectProblem(
          await as.staffA.post(`/api/units/${unit.id}/blocks`, { places, reason: 'safety' }),
          400,
        );
      }
      expectProblem(
        await as.staffA.post(`/api/units/${unit.id}/blocks`, { places: 6, reason: 'safety' }),
        400,
        'INVALID_VALUE',
      );
      const reason = expectProblem(
        await as.staffA.post(`/api/units/${unit.id}/blocks`, { places: 1, reason: 'holiday' }),
        400,
      );
      expectRefusedField(reason, 'reason', BLOCK_REASONS);
      expectProblem(
        await as.staffA.post(`/api/units/${unit.id}/blocks`, {
          places: 1,
          reason: 'safety',
          until: inSeconds(-60),
        }),
        400,
        'INVALID_VALUE',
      );
      expectRefusedField(
        expectProblem(
          await as.staffA.post(`/api/units/${unit.id}/blocks`, {
            places: 1,
            reason: 'safety',
            until: '2030-01-01',
          }),
          400,
        ),
        'until',
      );
      await api.staffA.call(blockPlaces, {
        params: { unitId: unit.id },
        body: { places: 4, reason: 'safety' },
      });
      const tooMany = expectProblem(
        await as.staffA.post(`/api/units/${unit.id}/blocks`, { places: 2, reason: 'safety' }),
        409,
        'TOO_MANY_BLOCKED',
      );
      expect(tooMany.detail).toMatch(/at most 1 more/);
      await expectEventSequences(unit.id, 2);
    });
  });

  describe('capacity', () => {
    it('changes the approved places with a reason; the event carries the difference', async () => {
      const unit = await newUnit(8);
      const changed = await api.staffA.call(changeCapacity, {
        params: { unitId: unit.id },
        body: { capacity: 12, reason: 'decision' },
      });
      expect(changed.unit).toMatchObject({ capacity: 12, available: 12, sequence: 2 });
      expect((await eventOf(unit.id, 2)).data).toMatchObject({
        capacity: 12,
        change: { kind: 'capacity', places: 4, reason: 'capacity-change' },
      });
    });

    it('refuses capacities out of range, an unknown reason, and a capacity below the blocked places', async () => {
      const unit = await newUnit(8);
      for (const capacity of [-1, 1001, 3.5]) {
        expectProblem(
          await as.staffA.put(`/api/units/${unit.id}/capacity`, { capacity, reason: 'decision' }),
          400,
        );
      }
      const reason = expectProblem(
        await as.staffA.put(`/api/units/${unit.id}/capacity`, { capacity: 9, reason: 'because' }),
        400,
      );
      expectRefusedField(reason, 'reason', CAPACITY_CHANGE_REASONS);
      await api.staffA.call(blockPlaces, {
        params: { unitId: unit.id },
        body: { places: 3, reason: 'maintenance' },
      });
      expectProblem(
        await as.staffA.put(`/api/units/${unit.id}/capacity`, { capacity: 2, reason: 'decision' }),
        409,
        'CAPACITY_BELOW_BLOCKED',
      );
    });
  });

  describe('census', () => {
    it('requires If-Match (428) and refuses a stale sequence with 412 and the current unit', async () => {
      const unit = await newUnit(8);
      await admit(unit);
      expectProblem(
        await as.staffA.put(`/api/units/${unit.id}/census`, { occupied: 3, blocked: 0 }),
        428,
        'IF_MATCH_REQUIRED',
      );
      expectProblem(
        await as.staffA.put(
          `/api/units/${unit.id}/census`,
          { occupied: 3, blocked: 0 },
          { 'if-match': 'latest' },
        ),
        400,
        'INVALID_VALUE',
      );
      const stale = expectProblem(
        await as.staffA.put(
          `/api/units/${unit.id}/census`,
          { occupied: 3, blocked: 0 },
          { 'if-match': '"1"' },
        ),
        412,
        'SEQUENCE_MISMATCH',
      );
      expect(stale.unit).toMatchObject({ id: unit.id, occupied: 1, sequence: 2 });
      // The current sequence, but as a weak ETag: If-Match compares strongly, so it never matches.
      const weak = expectProblem(
        await as.staffA.put(
          `/api/units/${unit.id}/census`,
          { occupied: 3, blocked: 0 },
          { 'if-match': 'W/"2"' },
        ),
        412,
        'WEAK_ETAG',
      );
      expect(weak.detail).toMatch(/weak ETag/);
      const read = await as.staffA.get(`/api/units/${unit.id}`);
      expect(Unit.parse(expectStatus(read, 200))).toMatchObject({ occupied: 1, sequence: 2 });
      // What the API sends is the strong form, and that is what If-Match takes.
      expect(read.headers.get('etag')).toBe('"2"');
    });

    it('sets the absolute counts, and confirms unchanged numbers with an event too', async () => {
      const unit = await newUnit(8);
      const first = await as.staffA.put(
        `/api/units/${unit.id}/census`,
        { occupied: 6, blocked: 1 },
        { 'if-match': '"1"' },
      );
      expect(UnitResult.parse(expectStatus(first, 200)).unit).toMatchObject({
        occupied: 6,
        blocked: 1,
        available: 1,
        sequence: 2,
      });
      expect(first.headers.get('etag')).toBe('"2"');
      expect((await eventOf(unit.id, 2)).data).toMatchObject({
        occupied: 6,
        blocked: 1,
        change: { kind: 'census' },
      });
      const same = await api.staffA.call(
        reportCensus,
        { params: { unitId: unit.id }, body: { occupied: 6, blocked: 1 } },
        { headers: { 'if-match': '2' } },
      );
      expect(same.unit).toMatchObject({ occupied: 6, blocked: 1, sequence: 3 });
      expect((await eventOf(unit.id, 3)).data).toMatchObject({
        occupied: 6,
        blocked: 1,
        change: { kind: 'census' },
      });
    });

    it('replaces the explicit blocks when it reports fewer blocked places, and adds a census block for more', async () => {
      const unit = await newUnit(10);
      const params = { unitId: unit.id };
      await api.staffA.call(blockPlaces, {
        params,
        body: { places: 2, reason: 'maintenance', until: inDays(3) },
      });
      const staffing = await api.staffA.call(blockPlaces, {
        params,
        body: { places: 1, reason: 'staffing' },
      });
      expect(staffing.unit.blocked).toBe(3);
      const census = (body: { occupied: number; blocked: number }, sequence: number) =>
        api.staffA.call(reportCensus, { params, body }, { headers: { 'if-match': `"${sequence}"` } });

      const fewer = await census({ occupied: 4, blocked: 1 }, staffing.unit.sequence);
      expect(fewer.unit).toMatchObject({ blocked: 1, occupied: 4 });
      const afterFewer = await api.staffA.call(listOpenBlocks, { params });
      expect(afterFewer).toEqual([expect.objectContaining({ places: 1, reason: null, until: null })]);

      const more = await census({ occupied: 4, blocked: 3 }, fewer.unit.sequence);
      expect(more.unit.blocked).toBe(3);
      const afterMore = await api.staffA.call(listOpenBlocks, { params });
      expect(afterMore.map((b) => b.places).sort()).toEqual([1, 2]);

      const lifted = await api.staffA.call(liftBlock, { params: { ...params, blockId: afterMore[0].id } });
      expect(lifted.unit.blocked).toBe(3 - afterMore[0].places);
      expect((await eventOf(unit.id, lifted.unit.sequence)).data.change).toEqual({
        kind: 'unblock',
        blockId: afterMore[0].id,
        places: afterMore[0].places,
      });
    });

    it('refuses negative counts and more blocked places than the unit has', async () => {
      const unit = await newUnit(5);
      for (const body of [
        { occupied: -1, blocked: 0 },
        { occupied: 2, blocked: -1 },
        { occupied: 1001, blocked: 0 },
        { occupied: 2 },
      ]) {
        expectProblem(await as.staffA.put(`/api/units/${unit.id}/census`, body, { 'if-match': '"1"' }), 400);
      }
      expectProblem(
        await as.staffA.put(
          `/api/units/${unit.id}/census`,
          { occupied: 2, blocked: 6 },
          { 'if-match': '"1"' },
        ),
        400,
        'INVALID_VALUE',
      );
    });
  });

  describe('reservations', () => {
    it('lets intake reserve for any district and district staff for their own, and counts the place as reserved', async () => {
      const unit = await newUnit(3);
      const byIntake = await api.intake.call(reservePlace, {
        params: { unitId: unit.id },
        body: { districtCode: '030115', expiresAt: inDays(2) },
      });
      expect(byIntake.unit).toMatchObject({ reserved: 1, available: 2, sequence: 2 });
      expect((await eventOf(unit.id, 2)).data).toMatchObject({
        reserved: 1,
        available: 2,
        change: { kind: 'reservation', places: 1, referringDistrictCode: '030115' },
      });
      await api.sagene.call(reservePlace, {
        params: { unitId: unit.id },
        body: { districtCode: '030103', expiresAt: inDays(1) },
      });
      const foreign = expectProblem(
        await as.sagene.post(`/api/units/${unit.id}/reservations`, {
          districtCode: '030101',
          expiresAt: inDays(1),
        }),
        403,
        'NOT_YOUR_DISTRICT',
      );
      expect(foreign.detail).toMatch(/Sagene/);
      const open = await api.staffA.call(listOpenReservations, { params: { unitId: unit.id } });
      expect(open.map((r) => r.districtCode).sort()).toEqual(['030103', '030115']);
    });

    it('refuses an expiry in the past or more than 30 days ahead, an unknown district, and a full unit', async () => {
      const unit = await newUnit(1);
      for (const expiresAt of [inSeconds(-5), inDays(31)]) {
        expectProblem(
          await as.intake.post(`/api/units/${unit.id}/reservations`, { districtCode: '030101', expiresAt }),
          400,
          'INVALID_VALUE',
        );
      }
      expectRefusedField(
        expectProblem(
          await as.intake.post(`/api/units/${unit.id}/reservations`, {
            districtCode: '030101',
            expiresAt: 'tomorrow',
          }),
          400,
        ),
        'expiresAt',
      );
      const district = expectProblem(
        await as.intake.post(`/api/units/${unit.id}/reservations`, {
          districtCode: '9999',
          expiresAt: inDays(1),
        }),
        400,
      );
      expectRefusedField(district, 'districtCode', DISTRICT_CODES);
      await admit(unit);
      expectProblem(
        await as.intake.post(`/api/units/${unit.id}/reservations`, {
          districtCode: '030101',
          expiresAt: inDays(1),
        }),
        409,
        'NO_AVAILABLE_PLACE',
      );
    });

    it('turns a reservation into the admission in one change, and only for its own unit and district', async () => {
      const unit = await newUnit(2);
      const other = await newUnit(2);
      const { reservationId } = await api.sagene.call(reservePlace, {
        params: { unitId: unit.id },
        body: { districtCode: '030103', expiresAt: inDays(3) },
      });
      expectProblem(
        await as.staffA.post(`/api/units/${other.id}/admissions`, {
          referringDistrictCode: '030103',
          reservationId,
        }),
        409,
        'RESERVATION_MISMATCH',
      );
      const wrongDistrict = expectProblem(
        await as.staffA.post(`/api/units/${unit.id}/admissions`, {
          referringDistrictCode: '030101',
          reservationId,
        }),
        409,
        'RESERVATION_MISMATCH',
      );
      expect(wrongDistrict.detail).toMatch(/Sagene/);

      const admitted = await admit(unit, { referringDistrictCode: '030103', reservationId });
      expect(admitted.unit).toMatchObject({ reserved: 0, occupied: 1, available: 1, sequence: 3 });
      expect((await eventOf(unit.id, 3)).data).toMatchObject({
        reserved: 0,
        occupied: 1,
        change: { kind: 'admission', stayId: admitted.stayId, referringDistrictCode: '030103' },
      });
      expectProblem(
        await as.staffA.post(`/api/units/${unit.id}/admissions`, {
          referringDistrictCode: '030103',
          reservationId,
        }),
        409,
        'RESERVATION_NOT_ACTIVE',
      );
      await expectEventSequences(unit.id, 3);
    });

    it('releases a reservation, only by someone who may reserve for its district', async () => {
      const unit = await newUnit(4);
      const { reservationId } = await api.intake.call(reservePlace, {
        params: { unitId: unit.id },
        body: { districtCode: '030101', expiresAt: inDays(3) },
      });
      expectProblem(
        await as.sagene.delete(`/api/units/${unit.id}/reservations/${reservationId}`),
        403,
        'NOT_YOUR_DISTRICT',
      );
      expectProblem(await as.staffA.delete(`/api/units/${unit.id}/reservations/${reservationId}`), 403);
      const released = await api.intake.call(releaseReservation, {
        params: { unitId: unit.id, reservationId },
      });
      expect(released.unit).toMatchObject({ reserved: 0, available: 4, sequence: 3 });
      expect((await eventOf(unit.id, 3)).data.change).toEqual({
        kind: 'reservation-released',
        places: 1,
        referringDistrictCode: '030101',
        reservationId,
      });
      expectProblem(
        await as.intake.delete(`/api/units/${unit.id}/reservations/${reservationId}`),
        409,
        'RESERVATION_NOT_ACTIVE',
      );
      expectProblem(
        await as.intake.delete(`/api/units/${unit.id}/reservations/${randomUUID()}`),
        404,
        'RESERVATION_NOT_FOUND',
      );
    });

    it('expires a reservation by itself at its expiry time, with a reservation-expired event', async () => {
      const unit = await newUnit(2);
      const { reservationId } = await api.intake.call(reservePlace, {
        params: { unitId: unit.id },
        body: { districtCode: '030109', expiresAt: inSeconds(2.5) },
      });
      const expired = await eventOf(unit.id, 3);
      expect(expired.data).toMatchObject({
        reserved: 0,
        available: 2,
        change: { kind: 'reservation-expired', places: 1, referringDistrictCode: '030109' },
      });
      expectProblem(
        await as.staffA.post(`/api/units/${unit.id}/admissions`, {
          referringDistrictCode: '030109',
          reservationId,
        }),
        409,
        'RESERVATION_NOT_ACTIVE',
      );
      await expectEventSequences(unit.id, 3);
    });
  });

  describe('closing a unit', () => {
    it('refuses to close a unit where residents still live', async () => {
      const unit = await newUnit(3);
      const { stayId } = await admit(unit);
      const problem = expectProblem(
        await as.admin.post(`/api/units/${unit.id}/close`, {}),
        409,
        'UNIT_NOT_EMPTY',
      );
      expect(problem.detail).toMatch(/1 resident/);
      await api.staffA.call(dischargeResident, {
        params: { unitId: unit.id },
        body: { stayId, reason: 'transfer' },
      });
      expect((await api.admin.call(closeUnit, { params: { unitId: unit.id } })).unit.closed).toBe(true);
    });

    it('closes an empty unit: its blocks and reservations end, one closed event, and no further changes', async () => {
      const unit = await newUnit(5);
      const params = { unitId: unit.id };
      await api.staffA.call(blockPlaces, { params, body: { places: 1, reason: 'maintenance' } });
      await api.intake.call(reservePlace, { params, body: { districtCode: '030104', expiresAt: inDays(2) } });
      expectProblem(await as.staffA.post(`/api/units/${unit.id}/close`, {}), 403);
      const closed = await api.admin.call(closeUnit, { params });
      expect(closed.unit).toMatchObject({ closed: true, blocked: 0, reserved: 0, occupied: 0, sequence: 4 });
      expect((await eventOf(unit.id, 4)).data).toMatchObject({
        closed: true,
        blocked: 0,
        reserved: 0,
        change: { kind: 'closed' },
      });
      expect(await api.intake.call(listOpenBlocks, { params })).toEqual([]);
      expect(await api.intake.call(listOpenReservations, { params })).toEqual([]);
      expectProblem(
        await as.staffA.post(`/api/units/${unit.id}/admissions`, { referringDistrictCode: '030101' }),
        409,
        'UNIT_CLOSED',
      );
      expectProblem(
        await as.staffA.post(`/api/units/${unit.id}/blocks`, { places: 1, reason: 'safety' }),
        409,
        'UNIT_CLOSED',
      );
      expectProblem(
        await as.intake.post(`/api/units/${unit.id}/reservations`, {
          districtCode: '030101',
          expiresAt: inDays(1),
        }),
        409,
        'UNIT_CLOSED',
      );
      expectProblem(await as.admin.post(`/api/units/${unit.id}/close`, {}), 409, 'UNIT_CLOSED');
      await expectEventSequences(unit.id, 4);
    });
  });

  describe('roles (ARCHITECTURE.md §6)', () => {
    const roles: Role[] = ['admin', 'staffA', 'staffB', 'intake', 'sagene', 'anonymous'];

    /** Calls the route once per role, with fresh preparation, and returns each role's status. */
    async function statusByRole(
      call: (api: ApiClient, prepared: { unit: UnitDto }) => Promise<ApiResponse<unknown>>,
      prepare: (unit: UnitDto) => Promise<void> = () => Promise.resolve(),
    ): Promise<Record<Role, number>> {
      const statuses = {} as Record<Role, number>;
      for (const role of roles) {
        const unit = await newUnit(20);
        await prepare(unit);
        const response = await call(as[role], { unit });
        if (response.status >= 400) expect(response.headers.get('content-type')).toMatch(/problem\+json/);
        statuses[role] = response.status;
      }
      return statuses;
    }

    const expected = (allowed: number, allowedRoles: Role[]) =>
      Object.fromEntries(
        roles.map((r) => [r, r === 'anonymous' ? 401 : allowedRoles.includes(r) ? allowed : 403]),
      ) as Record<Role, number>;

    const everyone: Role[] = ['admin', 'staffA', 'staffB', 'intake', 'sagene'];
    const institutionWriters: Role[] = ['admin', 'staffA'];
    const reservers: Role[] = ['admin', 'intake', 'sagene'];

    it('lets every signed-in role read, and nobody without a token', async () => {
      const unit = await newUnit(2);
      for (const path of [
        '/api/institutions',
        `/api/institutions/${institutionA.id}`,
        `/api/units/${unit.id}`,
        `/api/units/${unit.id}/blocks`,
        `/api/units/${unit.id}/reservations`,
      ]) {
        const statuses = {} as Record<Role, number>;
        for (const role of roles) statuses[role] = (await as[role].get(path)).status;
        expect({ path, statuses }).toEqual({ path, statuses: expected(200, everyone) });
      }
    });

    it('lets only admin write the registry and close units', async () => {
      expect(
        await statusByRole((api) => api.post('/api/institutions', institutionFactory().build())),
      ).toEqual(expected(201, ['admin']));
      expect(
        await statusByRole((api) =>
          api.post(`/api/institutions/${institutionA.id}/units`, unitFactory().build()),
        ),
      ).toEqual(expected(201, ['admin']));
      expect(await statusByRole((api, { unit }) => api.post(`/api/units/${unit.id}/close`, {}))).toEqual(
        expected(200, ['admin']),
      );
    });

    it('lets only staff of the unit’s own institution and admin change occupancy, blocks, capacity and census', async () => {
      expect(
        await statusByRole((api, { unit }) =>
          api.post(`/api/units/${unit.id}/admissions`, { referringDistrictCode: '030101' }),
        ),
      ).toEqual(expected(201, institutionWriters));

      let stayId = '';
      expect(
        await statusByRole(
          (api, { unit }) => api.post(`/api/units/${unit.id}/discharges`, { stayId, reason: 'planned' }),
          async (unit) => {
            stayId = (await admit(unit)).stayId;
          },
        ),
      ).toEqual(expected(200, institutionWriters));

      expect(
        await statusByRole((api, { unit }) =>
          api.post(`/api/units/${unit.id}/blocks`, { places: 1, reason: 'safety' }),
        ),
      ).toEqual(expected(201, institutionWriters));

      let blockId = '';
      expect(
        await statusByRole(
          (api, { unit }) => api.delete(`/api/units/${unit.id}/blocks/${blockId}`),
          async (unit) => {
            blockId = (
              await api.admin.call(blockPlaces, {
                params: { unitId: unit.id },
                body: { places: 1, reason: 'safety' },
              })
            ).blockId;
          },
        ),
      ).toEqual(expected(200, institutionWriters));

      expect(
        await statusByRole((api, { unit }) =>
          api.put(`/api/units/${unit.id}/capacity`, { capacity: 21, reason: 'correction' }),
        ),
      ).toEqual(expected(200, institutionWriters));

      expect(
        await statusByRole((api, { unit }) =>
          api.put(`/api/units/${unit.id}/census`, { occupied: 2, blocked: 0 }, { 'if-match': '"1"' }),
        ),
      ).toEqual(expected(200, institutionWriters));

      expect(await statusByRole((api, { unit }) => api.get(`/api/units/${unit.id}/stays`))).toEqual(
        expected(200, institutionWriters),
      );
    });

    it('lets intake, admin and district staff for their own district reserve and release places', async () => {
      expect(
        await statusByRole((api, { unit }) =>
          api.post(`/api/units/${unit.id}/reservations`, { districtCode: '030103', expiresAt: inDays(1) }),
        ),
      ).toEqual(expected(201, reservers));
      expect(
        await statusByRole((api, { unit }) =>
          api.post(`/api/units/${unit.id}/reservations`, { districtCode: '030105', expiresAt: inDays(1) }),
        ),
      ).toEqual(expected(201, ['admin', 'intake']));

      let reservationId = '';
      expect(
        await statusByRole(
          (api, { unit }) => api.delete(`/api/units/${unit.id}/reservations/${reservationId}`),
          async (unit) => {
            reservationId = (
              await api.intake.call(reservePlace, {
                params: { unitId: unit.id },
                body: { districtCode: '030103', expiresAt: inDays(1) },
              })
            ).reservationId;
          },
        ),
      ).toEqual(expected(200, reservers));
    });

    it('explains a refusal in the problem detail', async () => {
      const unit = await newUnit(2, institutionA);
      const problem = expectProblem(
        await as.staffB.post(`/api/units/${unit.id}/admissions`, { referringDistrictCode: '030101' }),
        403,
        'NOT_YOUR_INSTITUTION',
      );
      expect(problem.detail).toMatch(/own institutions/);
      const byRole = expectProblem(
        await as.intake.post(`/api/units/${unit.id}/admissions`, { referringDistrictCode: '030101' }),
        403,
      );
      expect(byRole.detail).toMatch(/institution-staff or admin/);
      expectProblem(await as.anonymous.get('/api/institutions'), 401);
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a repeated key with the first result and changes nothing, on every kind of write', async () => {
      const unit = await newUnit(10);
      const key = (name: string) => ({ headers: { 'idempotency-key': `${name}-${unit.id}` } });
      const params = { unitId: unit.id };
      const blockBody = { places: 1, reason: 'safety' } as const;
      const block = await api.staffA.call(blockPlaces, { params, body: blockBody }, key('b'));
      expect(await api.staffA.call(blockPlaces, { params, body: blockBody }, key('b'))).toEqual(block);

      const capacity = { capacity: 11, reason: 'decision' } as const;
      const changed = await api.staffA.call(changeCapacity, { params, body: capacity }, key('c'));
      expect(await api.staffA.call(changeCapacity, { params, body: capacity }, key('c'))).toEqual(changed);

      const blockParams = { ...params, blockId: block.blockId };
      const lift = await api.staffA.call(liftBlock, { params: blockParams }, key('d'));
      expect(await api.staffA.call(liftBlock, { params: blockParams }, key('d'))).toEqual(lift);

      const reservation = { districtCode: '030101', expiresAt: inDays(1) } as const;
      const reserved = await api.intake.call(reservePlace, { params, body: reservation }, key('r'));
      expect(await api.intake.call(reservePlace, { params, body: reservation }, key('r'))).toEqual(reserved);

      const census = () =>
        api.staffA.call(
          reportCensus,
          { params, body: { occupied: 3, blocked: 0 } },
          { headers: { 'if-match': `"${reserved.unit.sequence}"`, ...key('s').headers } },
        );
      const first = await census();
      // A replay answers the first result even though the sequence has moved on since.
      expect(await census()).toEqual(first);

      const now = await api.staffA.call(getUnit, { params });
      expect(now).toMatchObject({ capacity: 11, blocked: 0, reserved: 1, occupied: 3, sequence: 6 });
      // One more real change, then Kafka must hold exactly 1…7: the replays published nothing.
      await admit(unit);
      await expectEventSequences(unit.id, 7);
    });

    it('refuses a key reused for a different request with 422', async () => {
      const unit = await newUnit(4);
      const headers = { 'idempotency-key': `reuse-${unit.id}` };
      expectStatus(
        await as.staffA.post(`/api/units/${unit.id}/blocks`, { places: 1, reason: 'safety' }, headers),
        201,
      );
      expectProblem(
        await as.staffA.post(
          `/api/units/${unit.id}/admissions`,
          { referringDistrictCode: '030101' },
          headers,
        ),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      );
      expectProblem(
        await as.staffA.post(
          `/api/units/${unit.id}/blocks`,
          { places: 1, reason: 'safety' },
          { 'idempotency-key': 'a b' },
        ),
        400,
      );
    });

    it('refuses the same key with another body with 422 and changes nothing; key order and spacing do not matter', async () => {
      const unit = await newUnit(4);
      const headers = { 'idempotency-key': `body-${unit.id}` };
      const first = await api.staffA.call(
        admitResident,
        { params: { unitId: unit.id }, body: { referringDistrictCode: '030101', allowOverCapacity: false } },
        { headers },
      );
      // The same body with its fields in another order is the same request: the first answer again.
      const repeat = await api.staffA.call(
        admitResident,
        { params: { unitId: unit.id }, body: { allowOverCapacity: false, referringDistrictCode: '030101' } },
        { headers },
      );
      expect(repeat).toEqual(first);

      const other = expectProblem(
        await as.staffA.post(
          `/api/units/${unit.id}/admissions`,
          { referringDistrictCode: '030102', allowOverCapacity: false },
          headers,
        ),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      );
      expect(other.type).toBe('urn:plassoversikt:problem:idempotency-key-reused');
      expect(other.detail).toMatch(/different body/);
      expect(JSON.stringify(other)).not.toContain(first.stayId);
      // The second write was not made: one admission, one event.
      expect(await api.staffA.call(getUnit, { params: { unitId: unit.id } })).toMatchObject({
        occupied: 1,
        sequence: 2,
      });
      // The draft's sf-string form ("…") is the same key.
      expectProblem(
        await as.staffA.post(
          `/api/units/${unit.id}/admissions`,
          { referringDistrictCode: '030103' },
          { 'idempotency-key': `"body-${unit.id}"` },
        ),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      );
      await admit(unit);
      await expectEventSequences(unit.id, 3);
    });

    it('answers a repeat only after the same checks: the same subject at another institution gets 403, not the stored answer', async () => {
      const unit = await newUnit(4);
      const headers = { 'idempotency-key': `scope-${unit.id}` };
      const body = { referringDistrictCode: '030101' } as const;
      const asA = await contractClientOf({
        sub: 'moves-institution',
        roles: ['institution-staff'],
        institutionIds: [institutionA.id],
        districtCode: null,
      });
      const admitAsA = () => asA.call(admitResident, { params: { unitId: unit.id }, body }, { headers });
      const first = await admitAsA();
      // The same person, now staff of institution B only (a new token), repeats the request.
      const asB = await client({
        sub: 'moves-institution',
        roles: ['institution-staff'],
        institutionIds: [institutionB.id],
        districtCode: null,
      });
      const refused = await asB.post(`/api/units/${unit.id}/admissions`, body, headers);
      expectProblem(refused, 403, 'NOT_YOUR_INSTITUTION');
      expect(JSON.stringify(refused.body)).not.toContain(first.stayId);
      // A role the guard refuses never reaches the key either.
      const asDistrict = await client({
        sub: 'moves-institution',
        roles: ['district-staff'],
        institutionIds: [],
        districtCode: '030101',
      });
      const byRole = await asDistrict.post(`/api/units/${unit.id}/admissions`, body, headers);
      expectProblem(byRole, 403);
      expect(JSON.stringify(byRole.body)).not.toContain(first.stayId);
      // Back at institution A, the repeat is answered as before, and nothing changed in between.
      expect(await admitAsA()).toEqual(first);
      expect(await api.staffA.call(getUnit, { params: { unitId: unit.id } })).toMatchObject({
        occupied: 1,
        sequence: 2,
      });
    });

    it('keeps the keys of two subjects apart: the same key is two requests', async () => {
      const unit = await newUnit(4);
      const headers = { 'idempotency-key': `shared-${unit.id}` };
      const colleague = await contractClientOf({
        sub: 'staff-a-colleague',
        roles: ['institution-staff'],
        institutionIds: [institutionA.id],
        districtCode: null,
      });
      const params = { unitId: unit.id };
      const mine = await api.staffA.call(
        admitResident,
        { params, body: { referringDistrictCode: '030101' } },
        { headers },
      );
      const theirs = await colleague.call(
        admitResident,
        { params, body: { referringDistrictCode: '030102' } },
        { headers },
      );
      expect(theirs.stayId).not.toBe(mine.stayId);
      expect(theirs.unit).toMatchObject({ occupied: 2, sequence: 3 });
    });
  });

  describe('OpenAPI', () => {
    it('serves a document generated from the contract: every route, its schemas and its problems', async () => {
      const response = await as.anonymous.get<{
        paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
        components: { schemas: Record<string, unknown> };
      }>('/api/institutions/docs/openapi.json');
      expect(response.status).toBe(200);
      const { paths, components } = response.body;
      for (const route of institutionRoutes) {
        const operation = paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
        expect({ route: route.id, operationId: operation?.operationId }).toEqual({
          route: route.id,
          operationId: route.id,
        });
        expect(Object.keys(operation?.responses ?? {}).sort()).toEqual(
          [String(route.status), ...Object.keys(route.problems)].sort(),
        );
      }
      expect(Object.keys(components.schemas)).toEqual(
        expect.arrayContaining([
          'AdmitResidentBody',
          'BlockPlacesBody',
          'ReportCensusBody',
          'ReservePlaceBody',
          'RenameBody',
          'UnitFeaturesBody',
          'Unit',
          'UnitResult',
          'Stay',
          'ProblemDetails',
        ]),
      );
      // A unit's features (ADR 0154), from the one schema in libs/contracts.
      const features = {
        type: 'array',
        uniqueItems: true,
        items: { type: 'string', enum: [...REFERRAL_NEEDS] },
      };
      expect(components.schemas.Unit).toMatchObject({
        properties: { features },
        required: expect.arrayContaining(['features']),
      });
      expect(components.schemas.UnitFeaturesBody).toMatchObject({
        properties: { features },
        required: ['features'],
      });
      expect(components.schemas.RegisterUnitBody).toMatchObject({
        properties: { features: { ...features, default: [] } },
        required: ['name', 'category', 'capacity'],
      });
      // A list answer is an array of its element's component (ADR 0152), not a component of its own.
      expect(paths['/api/units/{unitId}/stays'].get.responses['200']).toMatchObject({
        content: {
          'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Stay' } } },
        },
      });
      expect(paths['/api/units/{unitId}/features'].put.responses['200']).toMatchObject({
        content: { 'application/json': { schema: { $ref: '#/components/schemas/UnitResult' } } },
      });
      expect(Object.keys(paths['/api/units/{unitId}/census'].put.responses)).toEqual(
        expect.arrayContaining(['200', '412', '422', '428']),
      );
    });
  });
});
