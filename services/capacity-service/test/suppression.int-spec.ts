/**
 * Small-number suppression over the service (ADRs 0223, 0224): the same indicators read as district staff
 * hide an immediate discharge of 1 and enough besides that the total does not give it back, as the
 * district's own staff show the district's own figures exactly, and as intake are exact.
 */
import { randomUUID } from 'node:crypto';
import { signDevToken, type DevTokenUser } from '@plass/auth';
import {
  createEvent,
  getCapacityIndicators,
  TOPICS,
  UNIT_OCCUPANCY_CHANGED,
  UNIT_OCCUPANCY_CHANGED_SCHEMA,
  type CapacityIndicators,
  type OccupancyChange,
} from '@plass/contracts';
import { zonedDayStart, type DischargeReason, type DistrictCode } from '@plass/domain';
import { EventProducer, type OutgoingMessage } from '@plass/messaging';
import { ApiClient, eventually, startTestStack, type TestStack } from '@plass/testing';
import { CONSUMER_GROUP } from '../src/projection/occupancy-projection.service';
import { capacityClient } from './contract-client';

const unit = {
  unitId: randomUUID(),
  unitName: 'Prindsen akutt',
  institutionId: randomUUID(),
  institutionName: 'Prindsen mottakssenter',
  category: 'acute' as const,
  providerType: 'municipal' as const,
  districtCode: '030101' as const,
  capacity: 25,
};

const at = (date: string, minutes: number) => zonedDayStart(date) + 9 * 3_600_000 + minutes * 60_000;

/** 19 stays begun in March 2024: Sagene 12, Grünerløkka 6, Gamle Oslo 1; 17 ended: 10 planned, 6 own housing, 1 immediate. */
function events(): OutgoingMessage[] {
  const referrers: DistrictCode[] = [
    ...Array<DistrictCode>(12).fill('030103'),
    ...Array<DistrictCode>(6).fill('030102'),
    '030101',
  ];
  const reasons: DischargeReason[] = [
    ...Array<DischargeReason>(10).fill('planned'),
    ...Array<DischargeReason>(6).fill('own-housing'),
    'immediate',
  ];
  const stays = referrers.map(() => randomUUID());
  const steps: { at: number; occupied: number; change: OccupancyChange }[] = [
    { at: at('2024-02-01', 0), occupied: 0, change: { kind: 'registered' } },
    ...referrers.map((referringDistrictCode, i) => ({
      at: at(i < 10 ? '2024-03-01' : '2024-03-02', i),
      occupied: i + 1,
      change: { kind: 'admission' as const, stayId: stays[i], referringDistrictCode },
    })),
    ...reasons.map((dischargeReason, i) => ({
      at: at('2024-03-10', i),
      occupied: referrers.length - i - 1,
      change: { kind: 'discharge' as const, stayId: stays[i], dischargeReason },
    })),
  ];
  return steps.map((step, i) => {
    const event = createEvent({
      source: '/institution-service',
      type: UNIT_OCCUPANCY_CHANGED,
      subject: unit.unitId,
      sequence: i + 1,
      time: new Date(step.at),
      dataschema: UNIT_OCCUPANCY_CHANGED_SCHEMA,
      data: {
        ...unit,
        occupied: step.occupied,
        blocked: 0,
        reserved: 0,
        closed: false,
        available: unit.capacity - step.occupied,
        change: step.change,
      },
    });
    return { topic: TOPICS.institutionOccupancy, key: unit.unitId, value: JSON.stringify(event) };
  });
}

const MARCH = { from: '2024-03-01', to: '2024-04-01' };

describe('small-number suppression of the steering indicators', () => {
  let stack: TestStack;
  let producer: EventProducer;
  const read = async (user: DevTokenUser): Promise<CapacityIndicators> =>
    await capacityClient(stack.urlOf('capacity-service'), await signDevToken(user)).call(
      getCapacityIndicators,
      { query: MARCH },
    );
  const districtStaff = (districtCode: DistrictCode): DevTokenUser => ({
    roles: ['district-staff'],
    institutionIds: [],
    districtCode,
  });
  const intake: DevTokenUser = { roles: ['intake'], institutionIds: [], districtCode: null };

  beforeAll(async () => {
    stack = await startTestStack({ only: ['capacity-service'] });
    producer = new EventProducer(stack.messaging);
    await producer.send(events());
    await eventually(
      async () =>
        expect(await stack.messaging.consumerLag(CONSUMER_GROUP, TOPICS.institutionOccupancy)).toBe(0),
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  }, 120_000);

  afterAll(async () => {
    await producer?.disconnect();
    await stack?.dispose();
  });

  it('shows intake the exact figures: one immediate discharge, one stay from Gamle Oslo', async () => {
    const exact = await read(intake);
    expect(exact.suppression).toBeNull();
    expect(exact.dischargesByReason).toEqual([
      {
        category: 'acute',
        name: 'Akutt',
        total: 17,
        byReason: { planned: 10, 'own-housing': 6, immediate: 1, transfer: 0, dropout: 0, other: 0 },
      },
    ]);
    expect(exact.referrals.find((r) => r.districtCode === '030101')?.stays).toBe(1);
  });

  it('hides the immediate discharge from district staff, and the total does not give it back', async () => {
    const shown = await read(districtStaff('030105'));
    expect(shown.suppression).toEqual({ threshold: 5 });
    const acute = shown.dischargesByReason[0];
    expect(acute.total).toBe(17);
    expect(acute.byReason.immediate).toBeNull();
    expect(acute.suppressed).toContain('byReason.immediate');
    // The total minus the visible reasons leaves 7 shared by at least two hidden reasons, each ≥ 1.
    const hidden = Object.values(acute.byReason).filter((v) => v === null);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    const visible = Object.values(acute.byReason).reduce<number>((a, v) => a + (v ?? 0), 0);
    expect((acute.total ?? 0) - visible).toBeGreaterThan(hidden.length);
    expect(shown.movesToOwnHousing[0].count).toBeNull();
    // Gamle Oslo's one stay, and a second district's so that the «all districts» column does not give it back.
    const stays = (code: string) => shown.referrals.find((r) => r.districtCode === code)?.stays;
    expect(stays('030101')).toBeNull();
    expect(stays('030102')).toBeNull();
    expect(stays('030103')).toBe(12);
    expect(stays('all')).toBe(19);
    // Two stays open at the end of March: hidden, with the longest stay.
    expect(shown.staysOverNorm[0]).toMatchObject({ openStays: null, longestDays: null });
  });

  it("shows district staff their own district's stays exactly", async () => {
    const own = await read(districtStaff('030101'));
    expect(own.referrals.find((r) => r.districtCode === '030101')).toMatchObject({ stays: 1 });
    expect(own.dischargesByReason[0].byReason.immediate).toBeNull();
  });

  it('writes <5 in the CSV for district staff', async () => {
    const api = new ApiClient(stack.urlOf('capacity-service'), await signDevToken(districtStaff('030105')));
    const response = await api.get<string>(
      `/api/capacity/indicators?from=${MARCH.from}&to=${MARCH.to}&format=csv`,
    );
    expect(response.status).toBe(200);
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines).toContain('utskrivninger: øyeblikkelig utskrivning;;Akutt;;<5');
    expect(lines).toContain('utskrivninger i alt;;Akutt;;17');
    expect(lines).toContain('opphold startet;;;Gamle Oslo;<5');
  });
});
