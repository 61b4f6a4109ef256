/**
 * Issue 15 against a real process, PostgreSQL and Kafka: a name is taken whatever its letter case and
 * spacing (ADR 0179), the database itself refuses a second one, and a closed unit can be reopened
 * (ADR 0180) with its `reopened` event.
 */
import { randomUUID } from 'node:crypto';
import { signDevToken } from '@plass/auth';
import {
  closeUnit,
  contractClient,
  registerInstitution,
  registerUnit,
  reopenUnit,
  TOPICS,
  unitOccupancyChanged,
  type ContractClient,
  type InstitutionDto,
  type ProblemDetails,
  type UnitOccupancyChangedEvent,
} from '@plass/contracts';
import { databaseUrl } from '@plass/persistence';
import {
  ApiClient,
  institutionFactory,
  startKafkaProbe,
  startTestStack,
  unitFactory,
  type ApiResponse,
  type KafkaProbe,
  type TestStack,
} from '@plass/testing';
import { Client } from 'pg';

describe('registry: unique names and reopening a unit', () => {
  let stack: TestStack;
  let probe: KafkaProbe<UnitOccupancyChangedEvent>;
  let db: Client;
  let admin: ApiClient;
  let staff: ApiClient;
  let api: ContractClient;
  let institution: InstitutionDto;

  function expectProblem(response: ApiResponse<unknown>, status: number, code: string): ProblemDetails {
    expect({ status: response.status, code: (response.body as ProblemDetails).code }).toEqual({
      status,
      code,
    });
    const problem = response.body as ProblemDetails;
    expect(problem.detail).toEqual(expect.any(String));
    return problem;
  }

  beforeAll(async () => {
    stack = await startTestStack({ only: ['institution-service'] });
    probe = await startKafkaProbe(stack.messaging, TOPICS.institutionOccupancy, {
      parse: (value) => unitOccupancyChanged.parse(value),
    });
    const adminToken = await signDevToken({
      sub: 'admin-1',
      roles: ['admin'],
      institutionIds: [],
      districtCode: null,
    });
    admin = new ApiClient(stack.urlOf('institution-service'), adminToken);
    api = contractClient({
      baseUrl: stack.urlOf('institution-service'),
      headers: () => ({ authorization: `Bearer ${adminToken}` }),
    });
    institution = await api.call(registerInstitution, {
      body: institutionFactory().name('Holmen sykehjem').build(),
    });
    staff = new ApiClient(
      stack.urlOf('institution-service'),
      await signDevToken({
        sub: 'staff-1',
        roles: ['institution-staff'],
        institutionIds: [institution.id],
        districtCode: null,
      }),
    );
    db = new Client({
      connectionString: databaseUrl(
        stack.settings.databaseUrl,
        `${stack.settings.databasePrefix}_institution`,
      ),
    });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await probe?.stop();
    await stack?.dispose();
  });

  it('refuses an institution name that differs only in letter case or spacing (409 NAME_TAKEN)', async () => {
    for (const name of ['Holmen sykehjem', ' HOLMEN  SYKEHJEM ', 'holmen\u00a0sykehjem']) {
      const problem = expectProblem(
        await admin.post('/api/institutions', institutionFactory().name(name).build()),
        409,
        'NAME_TAKEN',
      );
      expect(problem.detail).toContain('choose another name');
    }
    const institutions = (await admin.get<InstitutionDto[]>('/api/institutions')).body;
    expect(institutions.filter((i) => /holmen/i.test(i.name))).toHaveLength(1);
  });

  it('refuses a unit name already used by an open unit of the same institution', async () => {
    await api.call(registerUnit, {
      params: { id: institution.id },
      body: unitFactory().name('Avdeling Nord').build(),
    });
    expectProblem(
      await admin.post(
        `/api/institutions/${institution.id}/units`,
        unitFactory().name('avdeling   nord').build(),
      ),
      409,
      'NAME_TAKEN',
    );
  });

  it('keeps a second name out at the database, whatever path writes it', async () => {
    await expect(
      db.query(
        `INSERT INTO institution (id, name, provider_type, district_code) VALUES ($1, $2, 'municipal', '030101')`,
        [randomUUID(), 'HOLMEN   Sykehjem'],
      ),
    ).rejects.toMatchObject({ code: '23505', constraint: 'institution_name_key' });
    const [unit] = (
      await db.query<{ id: string }>(`SELECT id FROM unit WHERE institution_id = $1 LIMIT 1`, [
        institution.id,
      ])
    ).rows;
    await expect(
      db.query(
        `INSERT INTO unit (id, institution_id, name, category, capacity, occupied, blocked, reserved, closed, sequence)
         VALUES ($1, $2, 'AVDELING NORD', 'acute', 4, 0, 0, 0, false, 1)`,
        [randomUUID(), institution.id],
      ),
    ).rejects.toMatchObject({ code: '23505', constraint: 'unit_open_name_key' });
    expect(unit).toBeDefined();
  });

  it('reopens a closed unit: 200, open and empty, one `reopened` event; 409 when it is open', async () => {
    const unit = await api.call(registerUnit, {
      params: { id: institution.id },
      body: unitFactory().name('Avdeling Sør').capacity(6).features('wheelchair').build(),
    });
    await api.call(closeUnit, { params: { unitId: unit.id } });

    expect((await staff.post(`/api/units/${unit.id}/reopen`, undefined)).status).toBe(403);
    const reopened = await api.call(reopenUnit, { params: { unitId: unit.id } });
    expect(reopened.unit).toMatchObject({
      id: unit.id,
      closed: false,
      capacity: 6,
      occupied: 0,
      available: 6,
      features: ['wheelchair'],
      sequence: 3,
    });
    const [event] = await probe.waitFor((e) => e.subject === unit.id && e.sequence === 3);
    expect(event.data).toMatchObject({ closed: false, capacity: 6, change: { kind: 'reopened' } });

    const problem = expectProblem(
      await admin.post(`/api/units/${unit.id}/reopen`, undefined),
      409,
      'UNIT_NOT_CLOSED',
    );
    expect(problem.detail).toContain('only a closed unit can be reopened');
    expectProblem(await admin.post(`/api/units/${randomUUID()}/reopen`, undefined), 404, 'UNIT_NOT_FOUND');
  });

  it('refuses to reopen a unit whose name an open unit has taken meanwhile (409 NAME_TAKEN)', async () => {
    const unit = await api.call(registerUnit, {
      params: { id: institution.id },
      body: unitFactory().name('Avdeling Vest').build(),
    });
    await api.call(closeUnit, { params: { unitId: unit.id } });
    // A closed unit gives its name up.
    await api.call(registerUnit, {
      params: { id: institution.id },
      body: unitFactory().name('Avdeling Vest').build(),
    });
    expectProblem(await admin.post(`/api/units/${unit.id}/reopen`, undefined), 409, 'NAME_TAKEN');
  });
});
