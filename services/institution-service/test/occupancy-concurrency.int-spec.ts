/**
 * Many people at once on one unit: parallel admissions and discharges never lose a count, and the events
 * that reach Kafka carry sequences 1, 2, 3, … with no gap and no duplicate.
 */
import { signDevToken } from '@plass/auth';
import {
  TOPICS,
  unitOccupancyChanged,
  type AdmissionResultDto,
  type InstitutionDto,
  type UnitDto,
  type UnitOccupancyChangedEvent,
} from '@plass/contracts';
import { DISTRICT_CODES } from '@plass/domain';
import {
  ApiClient,
  expectStatus,
  institutionFactory,
  startKafkaProbe,
  startTestStack,
  unitFactory,
  type KafkaProbe,
  type TestStack,
} from '@plass/testing';

describe('concurrent occupancy changes on one unit', () => {
  let stack: TestStack;
  let probe: KafkaProbe<UnitOccupancyChangedEvent>;
  let staff: ApiClient;
  let unit: UnitDto;

  beforeAll(async () => {
    stack = await startTestStack({ only: ['institution-service'] });
    probe = await startKafkaProbe(stack.messaging, TOPICS.institutionOccupancy, {
      parse: (value) => unitOccupancyChanged.parse(value),
    });
    const url = stack.urlOf('institution-service');
    const admin = new ApiClient(
      url,
      await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }),
    );
    const institution = expectStatus(
      await admin.post<InstitutionDto>('/api/institutions', institutionFactory().build()),
      201,
    );
    unit = expectStatus(
      await admin.post<UnitDto>(
        `/api/institutions/${institution.id}/units`,
        unitFactory().category('assessment-active').capacity(1000).build(),
      ),
      201,
    );
    staff = new ApiClient(
      url,
      await signDevToken({
        roles: ['institution-staff'],
        institutionIds: [institution.id],
        districtCode: null,
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await probe?.stop();
    await stack?.dispose();
  });

  const admit = (i: number) =>
    staff.post<AdmissionResultDto>(`/api/units/${unit.id}/admissions`, {
      referringDistrictCode: DISTRICT_CODES[i % DISTRICT_CODES.length],
    });

  it('never loses a count nor repeats a sequence under 200 parallel admissions and discharges', async () => {
    // 100 residents move in at once…
    const first = await Promise.all(Array.from({ length: 100 }, (_, i) => admit(i)));
    expect(first.map((r) => r.status)).toEqual(Array(100).fill(201));
    const stays = first.map((r) => r.body.stayId);
    expect(new Set(stays).size).toBe(100);

    // …then, all at the same time, those 100 leave while 100 others arrive: 200 parallel writes.
    const mixed = await Promise.all([
      ...stays.map((stayId) => staff.post(`/api/units/${unit.id}/discharges`, { stayId, reason: 'planned' })),
      ...Array.from({ length: 100 }, (_, i) => admit(i + 100)),
    ]);
    expect(mixed.slice(0, 100).map((r) => r.status)).toEqual(Array(100).fill(200));
    expect(mixed.slice(100).map((r) => r.status)).toEqual(Array(100).fill(201));

    const after = expectStatus(await staff.get<UnitDto>(`/api/units/${unit.id}`), 200);
    // registered (1) + 100 admissions + 100 discharges + 100 admissions.
    expect(after).toMatchObject({ occupied: 100, available: 900, sequence: 301 });

    await probe.waitFor((e) => e.subject === unit.id && e.sequence === 301, { timeoutMs: 30_000 });
    const events = probe.values().filter((e) => e.subject === unit.id);
    expect(events.map((e) => e.sequence)).toEqual(Array.from({ length: 301 }, (_, i) => i + 1));
    // Each event's state follows from the one before: +1 on an admission, −1 on a discharge.
    for (let i = 1; i < events.length; i++) {
      const step = events[i].data.change.kind === 'admission' ? 1 : -1;
      expect(events[i].data.occupied).toBe(events[i - 1].data.occupied + step);
    }
    expect(events.at(-1)?.data).toMatchObject({ occupied: 100, available: 900 });
  });

  it('admits once for ten parallel requests with one Idempotency-Key', async () => {
    const before = expectStatus(await staff.get<UnitDto>(`/api/units/${unit.id}`), 200);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        staff.post<AdmissionResultDto>(
          `/api/units/${unit.id}/admissions`,
          { referringDistrictCode: '030103' },
          { 'idempotency-key': `same-${unit.id}` },
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.stayId)).size).toBe(1);
    const after = expectStatus(await staff.get<UnitDto>(`/api/units/${unit.id}`), 200);
    expect(after.occupied).toBe(before.occupied + 1);
    expect(after.sequence).toBe(before.sequence + 1);
  });
});
