/**
 * Effective time and corrections against a real process, PostgreSQL and Kafka (ADR 0212–0214): a change
 * dated back carries `change.effectiveAt` on Kafka and its row stores the time; the window holds for
 * institution staff and not for admin; the future and times before the opening are refused; a
 * correction is one `corrected` event with the counts unchanged.
 */
import { randomUUID } from 'node:crypto';
import { signDevToken } from '@plass/auth';
import {
  admitResident,
  blockPlaces,
  changeCapacity,
  contractClient,
  correctBlock,
  correctStay,
  dischargeResident,
  liftBlock,
  listOpenBlocks,
  listOpenStays,
  registerInstitution,
  registerUnit,
  TOPICS,
  unitOccupancyChanged,
  type ContractClient,
  type InstitutionDto,
  type ProblemDetails,
  type UnitDto,
  type UnitOccupancyChangedEvent,
} from '@plass/contracts';
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

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const ago = (ms: number) => new Date(Date.now() - ms);
/** The wall clock in Oslo, without an offset, as a person types it (`2026-11-23T02:30`). */
const osloWallClock = (at: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Oslo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(at)
    .replace(' ', 'T');
/** A whole minute, as the Oslo wall clock can say it. */
const minute = (at: Date) => new Date(Math.floor(at.getTime() / 60_000) * 60_000);

describe('effective time and corrections', () => {
  let stack: TestStack;
  let probe: KafkaProbe<UnitOccupancyChangedEvent>;
  let admin: ContractClient;
  let staff: ContractClient;
  let rawStaff: ApiClient;
  let rawAdmin: ApiClient;
  let institution: InstitutionDto;

  const contractFor = (token: string): ContractClient =>
    contractClient({
      baseUrl: stack.urlOf('institution-service'),
      headers: () => ({ authorization: `Bearer ${token}` }),
    });

  /** A unit that opened 30 days ago (admin), beyond the staff's 7-day window. */
  async function newUnit(): Promise<UnitDto> {
    return admin.call(registerUnit, {
      params: { id: institution.id },
      body: { ...unitFactory().capacity(8).build(), openedAt: ago(30 * DAY_MS).toISOString() },
    });
  }

  async function eventOf(unitId: string, sequence: number): Promise<UnitOccupancyChangedEvent> {
    const [event] = await probe.waitFor((e) => e.subject === unitId && e.sequence === sequence);
    return event;
  }

  function expectProblem(response: ApiResponse<unknown>, status: number, code: string, detail: RegExp): void {
    const problem = response.body as ProblemDetails;
    expect({ status: response.status, code: problem.code, detail: problem.detail }).toEqual({
      status,
      code,
      detail: expect.stringMatching(detail),
    });
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
    admin = contractFor(adminToken);
    rawAdmin = new ApiClient(stack.urlOf('institution-service'), adminToken);
    institution = await admin.call(registerInstitution, {
      body: institutionFactory()
        .name(`Tidspunkt ${randomUUID().slice(0, 8)}`)
        .district('030107')
        .build(),
    });
    const staffToken = await signDevToken({
      sub: 'staff-1',
      roles: ['institution-staff'],
      institutionIds: [institution.id],
      districtCode: null,
    });
    staff = contractFor(staffToken);
    rawStaff = new ApiClient(stack.urlOf('institution-service'), staffToken);
  });

  afterAll(async () => {
    await probe?.stop();
    await stack?.dispose();
  });

  it('announces a unit opened in the past with its opening as the effective time', async () => {
    const openedAt = ago(30 * DAY_MS);
    const unit = await admin.call(registerUnit, {
      params: { id: institution.id },
      body: { ...unitFactory().build(), openedAt: openedAt.toISOString() },
    });
    expect((await eventOf(unit.id, 1)).data.change).toEqual({
      kind: 'registered',
      effectiveAt: openedAt.toISOString(),
    });
  });

  it('accepts a back-dated admission and discharge: the rows store the times, the events carry them', async () => {
    const unit = await newUnit();
    const admittedAt = minute(ago(5 * HOUR_MS));
    const { stayId, unit: admitted } = await staff.call(admitResident, {
      params: { unitId: unit.id },
      body: { referringDistrictCode: '030103', admittedAt: osloWallClock(admittedAt) },
    });
    expect(admitted.occupied).toBe(1);
    expect((await eventOf(unit.id, 2)).data.change).toMatchObject({
      kind: 'admission',
      stayId,
      effectiveAt: admittedAt.toISOString(),
    });
    const [stay] = await staff.call(listOpenStays, { params: { unitId: unit.id } });
    expect(stay).toMatchObject({ stayId, admittedAt: admittedAt.toISOString() });

    // A discharge before the admission is refused; one after it is taken.
    const early = await rawStaff.post(`/api/units/${unit.id}/discharges`, {
      stayId,
      reason: 'planned',
      dischargedAt: ago(6 * HOUR_MS).toISOString(),
    });
    expectProblem(early, 400, 'INVALID_VALUE', /^dischargedAt .* is before the admission of stay/);
    const dischargedAt = ago(HOUR_MS);
    const { unit: discharged } = await staff.call(dischargeResident, {
      params: { unitId: unit.id },
      body: { stayId, reason: 'planned', dischargedAt: dischargedAt.toISOString() },
    });
    expect(discharged).toMatchObject({ occupied: 0, sequence: 3 });
    expect((await eventOf(unit.id, 3)).data.change).toMatchObject({
      kind: 'discharge',
      stayId,
      effectiveAt: dischargedAt.toISOString(),
    });
  });

  it('sends no effectiveAt for a change of now', async () => {
    const unit = await newUnit();
    await staff.call(admitResident, {
      params: { unitId: unit.id },
      body: { referringDistrictCode: '030103' },
    });
    expect((await eventOf(unit.id, 2)).data.change.effectiveAt).toBeUndefined();
  });

  it('refuses institution staff a time beyond the window, and takes it from admin', async () => {
    const unit = await newUnit();
    const admittedAt = ago(10 * DAY_MS).toISOString();
    const refused = await rawStaff.post(`/api/units/${unit.id}/admissions`, {
      referringDistrictCode: '030103',
      admittedAt,
    });
    expectProblem(refused, 403, 'OUTSIDE_BACKDATE_WINDOW', /more than 7 days back/);
    expect(await staff.call(listOpenStays, { params: { unitId: unit.id } })).toEqual([]);

    const { stayId } = await admin.call(admitResident, {
      params: { unitId: unit.id },
      body: { referringDistrictCode: '030103', admittedAt },
    });
    expect((await eventOf(unit.id, 2)).data.change).toMatchObject({
      kind: 'admission',
      stayId,
      effectiveAt: admittedAt,
    });
  });

  it('refuses a time in the future and one before the unit opened', async () => {
    const unit = await newUnit();
    const future = await rawAdmin.post(`/api/units/${unit.id}/admissions`, {
      referringDistrictCode: '030103',
      admittedAt: new Date(Date.now() + HOUR_MS).toISOString(),
    });
    expectProblem(future, 400, 'INVALID_VALUE', /^admittedAt .* is in the future/);
    const beforeOpening = await rawAdmin.post(`/api/units/${unit.id}/blocks`, {
      places: 1,
      reason: 'maintenance',
      from: ago(31 * DAY_MS).toISOString(),
    });
    expectProblem(beforeOpening, 400, 'INVALID_VALUE', /^from .* is before the opening of unit/);
    expect(await staff.call(listOpenBlocks, { params: { unitId: unit.id } })).toEqual([]);
  });

  it('corrects an admission time with one corrected event, counts unchanged, once per Idempotency-Key', async () => {
    const unit = await newUnit();
    const { stayId } = await staff.call(admitResident, {
      params: { unitId: unit.id },
      body: { referringDistrictCode: '030103', admittedAt: ago(3 * HOUR_MS).toISOString() },
    });
    const recorded = (await eventOf(unit.id, 2)).data.change.effectiveAt;
    const admittedAt = ago(4 * HOUR_MS).toISOString();
    const key = { 'idempotency-key': randomUUID() };
    const body = { admittedAt, reason: 'typing-error' as const };
    const first = await staff.call(
      correctStay,
      { params: { unitId: unit.id, stayId }, body },
      { headers: key },
    );
    const again = await staff.call(
      correctStay,
      { params: { unitId: unit.id, stayId }, body },
      { headers: key },
    );
    expect(first.unit).toMatchObject({ occupied: 1, sequence: 3 });
    expect(again).toEqual(first);

    const event = await eventOf(unit.id, 3);
    expect(event.data).toMatchObject({ occupied: 1, available: 7 });
    expect(event.data.change).toEqual({
      kind: 'corrected',
      effectiveAt: admittedAt,
      correction: { of: 'admission', previousEffectiveAt: recorded, reason: 'typing-error' },
      stayId,
      referringDistrictCode: '030103',
    });
    const [stay] = await staff.call(listOpenStays, { params: { unitId: unit.id } });
    expect(stay.admittedAt).toBe(admittedAt);
    // The repeated key added no event.
    await eventOf(unit.id, 3);
    expect(
      probe
        .values()
        .filter((e) => e.subject === unit.id)
        .map((e) => e.sequence),
    ).toEqual([1, 2, 3]);
  });

  it('refuses institution staff a correction whose old time lies beyond the window', async () => {
    const unit = await newUnit();
    const { stayId } = await admin.call(admitResident, {
      params: { unitId: unit.id },
      body: { referringDistrictCode: '030103', admittedAt: ago(10 * DAY_MS).toISOString() },
    });
    const refused = await rawStaff.post(`/api/units/${unit.id}/stays/${stayId}/corrections`, {
      admittedAt: ago(DAY_MS).toISOString(),
      reason: 'late-information',
    });
    expectProblem(
      refused,
      403,
      'OUTSIDE_BACKDATE_WINDOW',
      /^the recorded admittedAt .* more than 7 days back/,
    );
  });

  it('dates a block, its lifting and its correction with the block id on every event', async () => {
    const unit = await newUnit();
    const from = ago(2 * DAY_MS);
    const { blockId } = await staff.call(blockPlaces, {
      params: { unitId: unit.id },
      body: { places: 2, reason: 'maintenance', from: from.toISOString() },
    });
    expect((await eventOf(unit.id, 2)).data.change).toMatchObject({
      kind: 'block',
      blockId,
      places: 2,
      effectiveAt: from.toISOString(),
    });
    const [block] = await staff.call(listOpenBlocks, { params: { unitId: unit.id } });
    expect(block.createdAt).toBe(from.toISOString());

    const tooEarly = await rawStaff.delete(
      `/api/units/${unit.id}/blocks/${blockId}?to=${encodeURIComponent(ago(3 * DAY_MS).toISOString())}`,
    );
    expectProblem(tooEarly, 400, 'INVALID_VALUE', /^to .* is before the start of block/);
    const to = ago(DAY_MS);
    const lifted = await staff.call(liftBlock, {
      params: { unitId: unit.id, blockId },
      query: { to: to.toISOString() },
    });
    expect(lifted.unit.blocked).toBe(0);
    expect((await eventOf(unit.id, 3)).data.change).toMatchObject({
      kind: 'unblock',
      blockId,
      places: 2,
      effectiveAt: to.toISOString(),
    });

    const rightEnd = ago(DAY_MS + HOUR_MS).toISOString();
    const corrected = await staff.call(correctBlock, {
      params: { unitId: unit.id, blockId },
      body: { to: rightEnd, reason: 'late-information' },
    });
    expect(corrected.unit).toMatchObject({ blocked: 0, sequence: 4 });
    expect((await eventOf(unit.id, 4)).data.change).toEqual({
      kind: 'corrected',
      effectiveAt: rightEnd,
      correction: { of: 'unblock', previousEffectiveAt: to.toISOString(), reason: 'late-information' },
      blockId,
      places: 2,
      reason: 'maintenance',
    });
  });

  it('dates a capacity change', async () => {
    const unit = await newUnit();
    const from = ago(DAY_MS).toISOString();
    await staff.call(changeCapacity, {
      params: { unitId: unit.id },
      body: { capacity: 10, reason: 'decision', from },
    });
    expect((await eventOf(unit.id, 2)).data).toMatchObject({
      capacity: 10,
      change: { kind: 'capacity', places: 2, effectiveAt: from },
    });
  });
});
