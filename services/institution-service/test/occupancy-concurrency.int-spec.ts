/**
 * Many people at once on one unit: parallel admissions and discharges never lose a count, and the events
 * that reach Kafka carry sequences 1, 2, 3, … with no gap and no duplicate.
 */
import { signDevToken } from '@plass/auth';
import {
  admitResident,
  contractClient,
  dischargeResident,
  getUnit,
  registerInstitution,
  registerUnit,
  TOPICS,
  unitOccupancyChanged,
  type ContractClient,
  type UnitDto,
  type UnitOccupancyChangedEvent,
} from '@plass/contracts';
import { DISTRICT_CODES } from '@plass/domain';
import {
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
  /** The contract's client: every answer is parsed by its route's schema, any refusal throws. */
  let staff: ContractClient;
  let unit: UnitDto;

  beforeAll(async () => {
    stack = await startTestStack({ only: ['institution-service'] });
    probe = await startKafkaProbe(stack.messaging, TOPICS.institutionOccupancy, {
      parse: (value) => unitOccupancyChanged.parse(value),
    });
    const as = (token: string) =>
      contractClient({
        baseUrl: stack.urlOf('institution-service'),
        headers: () => ({ authorization: `Bearer ${token}` }),
      });
    const admin = as(await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }));
    const institution = await admin.call(registerInstitution, { body: institutionFactory().build() });
    unit = await admin.call(registerUnit, {
      params: { id: institution.id },
      body: unitFactory().category('assessment-active').capacity(1000).build(),
    });
    staff = as(
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

  const admit = (i: number, headers: Record<string, string> = {}) =>
    staff.call(
      admitResident,
      {
        params: { unitId: unit.id },
        body: { referringDistrictCode: DISTRICT_CODES[i % DISTRICT_CODES.length] },
      },
      { headers },
    );
  const readUnit = () => staff.call(getUnit, { params: { unitId: unit.id } });

  it('never loses a count nor repeats a sequence under 200 parallel admissions and discharges', async () => {
    // 100 residents move in at once (a refusal would throw)…
    const first = await Promise.all(Array.from({ length: 100 }, (_, i) => admit(i)));
    const stays = first.map((r) => r.stayId);
    expect(new Set(stays).size).toBe(100);

    // …then, all at the same time, those 100 leave while 100 others arrive: 200 parallel writes.
    const [discharged, admitted] = await Promise.all([
      Promise.all(
        stays.map((stayId) =>
          staff.call(dischargeResident, { params: { unitId: unit.id }, body: { stayId, reason: 'planned' } }),
        ),
      ),
      Promise.all(Array.from({ length: 100 }, (_, i) => admit(i + 100))),
    ]);
    expect(discharged).toHaveLength(100);
    expect(new Set([...stays, ...admitted.map((r) => r.stayId)]).size).toBe(200);

    const after = await readUnit();
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
    const before = await readUnit();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => admit(2, { 'idempotency-key': `same-${unit.id}` })),
    );
    expect(new Set(answers.map((a) => a.stayId)).size).toBe(1);
    const after = await readUnit();
    expect(after.occupied).toBe(before.occupied + 1);
    expect(after.sequence).toBe(before.sequence + 1);
  });
});
