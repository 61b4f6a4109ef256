/**
 * History, utilisation report, steering indicators, forecast and unit listing over a generated event
 * history whose right answers are known: a 101-place resource-centre category over 2024 that
 * integrates to exactly 24,500 used of 36,966 possible bed-days (the city's own 2024 figure is about
 * 24,500 of 37,000).
 */
import { randomUUID } from 'node:crypto';
import { signDevToken } from '@plass/auth';
import {
  createEvent,
  getCapacityForecast,
  getCapacityHistory,
  getCapacityIndicators,
  getCapacitySnapshot,
  getDistrictResidents,
  getUtilizationReport,
  listCapacityUnits,
  TOPICS,
  UNIT_OCCUPANCY_CHANGED,
  UNIT_OCCUPANCY_CHANGED_SCHEMA,
  type ContractClient,
  type OccupancyChange,
  type RouteInput,
} from '@plass/contracts';
import {
  addCalendarDays,
  SERVICE_CATEGORIES,
  zonedDate,
  zonedDayStart,
  type DistrictCode,
  type ProviderType,
  type ServiceCategoryCode,
} from '@plass/domain';
import { EventProducer, type OutgoingMessage } from '@plass/messaging';
import { ApiClient, eventually, startTestStack, type TestStack } from '@plass/testing';
import { CONSUMER_GROUP } from '../src/projection/occupancy-projection.service';
import { capacityClient } from './contract-client';

const HOUR = 3_600_000;
/** An instant on the Oslo wall clock: midnight of `date` plus `hours`. */
const oslo = (date: string, hours = 0) => zonedDayStart(date) + hours * HOUR;

interface UnitSpec {
  unitId: string;
  unitName: string;
  institutionId: string;
  institutionName: string;
  category: ServiceCategoryCode;
  providerType: ProviderType;
  districtCode: DistrictCode;
  capacity: number;
}

function unitSpec(
  unitName: string,
  institutionName: string,
  category: ServiceCategoryCode,
  providerType: ProviderType,
  districtCode: DistrictCode,
  capacity: number,
): UnitSpec {
  return {
    unitId: randomUUID(),
    unitName,
    institutionId: randomUUID(),
    institutionName,
    category,
    providerType,
    districtCode,
    capacity,
  };
}

interface Step {
  at: number;
  occupied?: number;
  blocked?: number;
  reserved?: number;
  closed?: boolean;
  change: OccupancyChange;
}

/** A unit's history as events, each carrying the resulting state (counts carry over from the step before). */
function history(unit: UnitSpec, steps: Step[]): OutgoingMessage[] {
  const state = { occupied: 0, blocked: 0, reserved: 0, closed: false };
  return steps.map((step, i) => {
    Object.assign(
      state,
      Object.fromEntries(
        Object.entries({
          occupied: step.occupied,
          blocked: step.blocked,
          reserved: step.reserved,
          closed: step.closed,
        }).filter(([, v]) => v !== undefined),
      ),
    );
    const event = createEvent({
      source: '/institution-service',
      type: UNIT_OCCUPANCY_CHANGED,
      subject: unit.unitId,
      sequence: i + 1,
      time: new Date(step.at),
      dataschema: UNIT_OCCUPANCY_CHANGED_SCHEMA,
      data: {
        unitId: unit.unitId,
        unitName: unit.unitName,
        institutionId: unit.institutionId,
        institutionName: unit.institutionName,
        category: unit.category,
        providerType: unit.providerType,
        districtCode: unit.districtCode,
        capacity: unit.capacity,
        ...state,
        available: unit.capacity - state.occupied - state.blocked - state.reserved,
        change: step.change,
      },
    });
    return { topic: TOPICS.institutionOccupancy, key: unit.unitId, value: JSON.stringify(event) };
  });
}

const census: OccupancyChange = { kind: 'census' };
const registered: OccupancyChange = { kind: 'registered' };
const admission = (stayId: string, referringDistrictCode: DistrictCode, plannedDischargeDate?: string) =>
  ({
    kind: 'admission',
    stayId,
    referringDistrictCode,
    ...(plannedDischargeDate ? { plannedDischargeDate } : {}),
  }) satisfies OccupancyChange;

// Resource centres: 60 + 41 = 101 places all year.
const holmen = unitSpec('Holmen 1', 'Holmen', 'resource-centre', 'municipal', '030107', 60);
const fagerborg = unitSpec('Fagerborg 1', 'Fagerborg', 'resource-centre', 'nonprofit', '030104', 41);
// Acute: stays with referring districts and discharge reasons, and two places blocked for five days.
const prindsen = unitSpec('Prindsen akutt', 'Prindsen mottakssenter', 'acute', 'municipal', '030101', 8);
// Coping: a unit that closes after January and February (60 days).
const exit = unitSpec('Exit', 'Exit mestringsenhet', 'coping', 'private', '030102', 5);
// Assessment (now): the forecast's unit.
const valle = unitSpec('Valle korttid', 'Valle bosenter', 'assessment-drugfree', 'nonprofit', '030113', 6);

const [s1, s2, s3] = [randomUUID(), randomUUID(), randomUUID()];
const today = zonedDate(Date.now());
const daysFromToday = (n: number) => addCalendarDays(today, n);

const EVENTS: OutgoingMessage[] = [
  // 40 occupied all year, 45 from 1 July (184 days): 40 × 366 + 5 × 184 = 15,560 used bed-days;
  // the change in February 2025 lies after the period.
  ...history(holmen, [
    { at: oslo('2023-11-01'), change: registered },
    { at: oslo('2023-12-15'), occupied: 40, change: census },
    { at: oslo('2024-07-01'), occupied: 45, change: census },
    { at: oslo('2025-02-01'), occupied: 10, change: census },
  ]),
  // 25 all year except 20 for 42 days (1 February to 14 March), and half a day of +1 and of −1 in
  // October: 25 × 366 − 5 × 42 = 8,940 used bed-days.
  ...history(fagerborg, [
    { at: oslo('2023-12-01'), change: registered },
    { at: oslo('2023-12-20'), occupied: 25, change: census },
    { at: oslo('2024-02-01'), occupied: 20, change: census },
    { at: oslo('2024-03-14'), occupied: 25, change: census },
    { at: oslo('2024-10-10', 6), occupied: 26, change: census },
    { at: oslo('2024-10-10', 18), occupied: 25, change: census },
    { at: oslo('2024-10-11', 6), occupied: 24, change: census },
    { at: oslo('2024-10-11', 18), occupied: 25, change: census },
  ]),
  ...history(prindsen, [
    { at: oslo('2024-01-01'), change: registered },
    { at: oslo('2024-01-10', 9), occupied: 1, change: admission(s1, '030103') },
    { at: oslo('2024-01-10', 15), occupied: 2, change: admission(s2, '030103') },
    { at: oslo('2024-01-11', 10), occupied: 3, change: admission(s3, '030101') },
    {
      at: oslo('2024-01-12', 10),
      occupied: 2,
      change: { kind: 'discharge', stayId: s1, dischargeReason: 'immediate' },
    },
    {
      at: oslo('2024-01-13', 10),
      occupied: 1,
      change: { kind: 'discharge', stayId: s2, dischargeReason: 'own-housing' },
    },
    { at: oslo('2024-01-15'), blocked: 2, change: { kind: 'block', places: 2, reason: 'staffing' } },
    { at: oslo('2024-01-20'), blocked: 0, change: { kind: 'unblock', places: 2, reason: 'staffing' } },
  ]),
  ...history(exit, [
    { at: oslo('2024-01-01'), change: registered },
    { at: oslo('2024-01-05'), occupied: 3, change: census },
    { at: oslo('2024-03-01'), occupied: 0, closed: true, change: { kind: 'closed' } },
  ]),
  // Now: one overdue stay, one ending by the norm (90 days) in two days, one planned in five; one reserved.
  ...history(valle, [
    { at: oslo(daysFromToday(-120), 12), change: registered },
    { at: oslo(daysFromToday(-100), 12), occupied: 1, change: admission(randomUUID(), '030113') },
    { at: oslo(daysFromToday(-88), 12), occupied: 2, change: admission(randomUUID(), '030112') },
    {
      at: oslo(daysFromToday(-5), 12),
      occupied: 3,
      change: admission(randomUUID(), '030110', daysFromToday(5)),
    },
    { at: oslo(daysFromToday(-1), 12), reserved: 1, change: { kind: 'reservation', places: 1 } },
  ]),
];

// Acute place-hours: 1×6 + 2×19 + 3×24 + 2×24, then one resident from 13 January 10:00 to the new year.
const ACUTE_USED_HOURS = 6 + 2 * 19 + 3 * 24 + 2 * 24 + (353 * 24 + 14);
const hundredths = (x: number) => Math.round(x * 100) / 100;

describe('history, reports, indicators and forecast over a known event history', () => {
  let stack: TestStack;
  let producer: EventProducer;
  /** Raw requests, for the refusals and the CSV. */
  let api: ApiClient;
  /** Successful answers, parsed by each route's schema. */
  let capacity: ContractClient;

  beforeAll(async () => {
    stack = await startTestStack({ only: ['capacity-service'] });
    producer = new EventProducer(stack.messaging);
    const token = await signDevToken({ roles: ['intake'], institutionIds: [], districtCode: null });
    api = new ApiClient(stack.urlOf('capacity-service'), token);
    capacity = capacityClient(stack.urlOf('capacity-service'), token);
    await producer.send(EVENTS);
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

  describe('utilisation report', () => {
    it('reproduces a resource-centre year: 36,966 possible, 24,500 used, 12,466 unused bed-days', async () => {
      const report = await capacity.call(getUtilizationReport, {
        query: { from: '2024-01-01', to: '2025-01-01', groupBy: 'category' },
      });
      expect(report.groups.map((g) => g.key)).toEqual(['acute', 'coping', 'resource-centre']);
      const resourceCentres = report.groups.find((g) => g.key === 'resource-centre');
      expect(resourceCentres).toEqual({
        key: 'resource-centre',
        name: 'Ressurssenter, rusfritt',
        possibleBedDays: 36_966,
        usedBedDays: 24_500,
        blockedBedDays: 0,
        unusedBedDays: 12_466,
        occupancyRate: 24_500 / 36_966,
      });
      expect(report.groups.find((g) => g.key === 'acute')).toMatchObject({
        possibleBedDays: 8 * 366,
        usedBedDays: hundredths(ACUTE_USED_HOURS / 24),
        blockedBedDays: 10,
        unusedBedDays: hundredths(8 * 366 - ACUTE_USED_HOURS / 24 - 10),
      });
      // A closed unit offers nothing: 5 places for January and February only.
      expect(report.groups.find((g) => g.key === 'coping')).toMatchObject({
        possibleBedDays: 300,
        usedBedDays: 3 * 56,
      });
      expect(report.total).toMatchObject({
        possibleBedDays: 36_966 + 8 * 366 + 300,
        blockedBedDays: 10,
      });
    });

    it('groups by institution, provider type and district', async () => {
      const byInstitution = await capacity.call(getUtilizationReport, {
        query: { from: '2024-01-01', to: '2025-01-01', groupBy: 'institution' },
      });
      expect(byInstitution.groups.find((g) => g.key === holmen.institutionId)).toMatchObject({
        name: 'Holmen',
        possibleBedDays: 21_960,
        usedBedDays: 15_560,
      });
      const byProvider = await capacity.call(getUtilizationReport, {
        query: { from: '2024-01-01', to: '2025-01-01', groupBy: 'providerType' },
      });
      expect(byProvider.groups.find((g) => g.key === 'nonprofit')).toMatchObject({
        name: 'Ideell',
        usedBedDays: 8_940,
      });
      const byDistrict = await capacity.call(getUtilizationReport, {
        query: { from: '2024-01-01', to: '2025-01-01', groupBy: 'district' },
      });
      expect(byDistrict.groups.find((g) => g.key === '030104')).toMatchObject({ name: 'St. Hanshaugen' });
    });

    it('serves the report as CSV for Excel with Norwegian headers and decimal commas', async () => {
      const response = await api.get<string>(
        '/api/capacity/reports/utilization?from=2024-01-01&to=2025-01-01&groupBy=category&format=csv',
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="beleggsrapport-category-2024-01-01-2024-12-31.csv"',
      );
      const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe('gruppe;mulige døgn;brukte døgn;sperrede døgn;ubrukte døgn;beleggsprosent');
      expect(lines).toContain('Ressurssenter, rusfritt;36966;24500;0;12466;66,3');
      expect(lines.some((l) => l.startsWith('Totalt;'))).toBe(true);
    });

    it('refuses a period that is reversed or longer than five years, with a clear detail', async () => {
      const reversed = await api.get<{ detail: string }>(
        '/api/capacity/reports/utilization?from=2025-01-01&to=2024-01-01',
      );
      expect(reversed.status).toBe(400);
      expect(reversed.body.detail).toMatch(/from \(2025-01-01\) must be before to/);
      const long = await api.get<{ detail: string }>(
        '/api/capacity/reports/utilization?from=2010-01-01&to=2024-01-01',
      );
      expect(long.body.detail).toMatch(/at most 1827 days/);
      const badGroup = await api.get<{ detail: string; errors: string[] }>(
        '/api/capacity/reports/utilization?from=2024-01-01&to=2025-01-01&groupBy=colour',
      );
      expect(badGroup.status).toBe(400);
      expect(badGroup.body.errors).toEqual([
        expect.stringMatching(/^groupBy: Invalid option: expected one of/),
      ]);
    });
  });

  describe('history', () => {
    it('gives the state at the end of each Oslo day, carrying the last change forward', async () => {
      const series = await capacity.call(getCapacityHistory, {
        query: {
          scope: 'category',
          id: 'resource-centre',
          from: '2024-06-29',
          to: '2024-07-03',
          step: 'day',
        },
      });
      expect(series.points.map((p) => [zonedDate(Date.parse(p.start)), p.capacity, p.occupied])).toEqual([
        ['2024-06-29', 101, 65],
        ['2024-06-30', 101, 65],
        ['2024-07-01', 101, 70],
        ['2024-07-02', 101, 70],
      ]);
    });

    it('gives hourly states of a unit', async () => {
      const series = await capacity.call(getCapacityHistory, {
        query: { scope: 'unit', id: fagerborg.unitId, from: '2024-10-10', to: '2024-10-11', step: 'hour' },
      });
      expect(series.points.map((p) => p.occupied)).toEqual([
        ...Array<number>(6).fill(25),
        ...Array<number>(12).fill(26),
        ...Array<number>(6).fill(25),
      ]);
    });

    it('ends where the live totals are, whatever order the partitions were consumed in', async () => {
      const city = await capacity.call(getCapacitySnapshot, { query: { scope: 'city' } });
      const series = await capacity.call(getCapacityHistory, {
        query: { scope: 'city', from: daysFromToday(-1), to: daysFromToday(1), step: 'day' },
      });
      const last = series.points[series.points.length - 1];
      expect(last).toMatchObject({
        capacity: city.totals.capacity,
        occupied: city.totals.occupied,
        blocked: city.totals.blocked,
        reserved: city.totals.reserved,
      });
    });

    it('gives no counts (null: a gap, not 0) for the steps before the scope was first recorded', async () => {
      // Fagerborg is first recorded at midnight on 1 December 2023.
      const series = await capacity.call(getCapacityHistory, {
        query: { scope: 'unit', id: fagerborg.unitId, from: '2023-11-29', to: '2023-12-03', step: 'day' },
      });
      expect(series.points.map((p) => [zonedDate(Date.parse(p.start)), p.capacity, p.available])).toEqual([
        ['2023-11-29', null, null],
        ['2023-11-30', null, null],
        ['2023-12-01', 41, 41],
        ['2023-12-02', 41, 41],
      ]);
      expect(series.points[0].occupancyRate).toBeNull();
      // An institution's history likewise; a category known before the period is known throughout.
      const institution = await capacity.call(getCapacityHistory, {
        query: { scope: 'institution', id: fagerborg.institutionId, from: '2023-11-30', to: '2023-12-02' },
      });
      expect(institution.points.map((p) => p.capacity)).toEqual([null, 41]);
    });

    it('refuses unclear or too long series and names unknown scopes', async () => {
      const hourly = await api.get<{ detail: string }>(
        '/api/capacity/history?scope=city&from=2024-01-01&to=2024-03-01&step=hour',
      );
      expect(hourly.status).toBe(400);
      expect(hourly.body.detail).toMatch(/at most 31 days/);
      const noId = await api.get<{ detail: string }>(
        '/api/capacity/history?scope=unit&from=2024-01-01&to=2024-01-02',
      );
      expect(noId.body.detail).toBe('scope unit needs an id');
      const noZone = await api.get<{ detail: string; errors: string[] }>(
        '/api/capacity/history?scope=city&from=2024-01-01T00:00&to=2024-01-02',
      );
      expect(noZone.status).toBe(400);
      expect(noZone.body.errors).toEqual([
        expect.stringMatching(/^from: must be a date .* with a time zone/),
      ]);
      const unknown = await api.get<{ detail: string }>(
        '/api/capacity/history?scope=category&id=spa&from=2024-01-01&to=2024-01-02',
      );
      expect(unknown.status).toBe(404);
    });
  });

  describe("a district's residents", () => {
    it('counts the stays a district referred wherever the institution lies, and lists them without a person', async () => {
      // Alna (030112) referred one stay into Valle bosenter, which lies in Østensjø (030113).
      const residents = await capacity.call(getDistrictResidents, { query: { districtCode: '030112' } });
      expect(residents.name).toBe('Alna');
      expect(residents.categories).toEqual([
        expect.objectContaining({
          category: 'assessment-drugfree',
          residentsNow: 1,
          admittedLast30Days: 0,
          waitingReferrals: 0,
        }),
      ]);
      expect(residents.total.residentsNow).toBe(1);
      expect(residents.openStays).toEqual([
        expect.objectContaining({
          unitId: valle.unitId,
          unitName: 'Valle korttid',
          institutionName: 'Valle bosenter',
          institutionDistrictCode: '030113',
          plannedDischargeDate: null,
          daysSoFar: expect.any(Number) as number,
        }),
      ]);
      expect(residents.openStays[0].daysSoFar).toBeGreaterThanOrEqual(87);
      expect(JSON.stringify(residents)).not.toMatch(/stayId/);
      // 030101 referred three stays into Prindsen (in 030101): two ended in January 2024, one is open.
      const old = await capacity.call(getDistrictResidents, { query: { districtCode: '030101' } });
      expect(old.total).toMatchObject({ residentsNow: 1, admittedLast30Days: 0, dischargedLast30Days: 0 });
    });

    it("lets district staff read their own district's residents only", async () => {
      const as = async (claims: Parameters<typeof signDevToken>[0]) =>
        new ApiClient(stack.urlOf('capacity-service'), await signDevToken(claims));
      const path = '/api/capacity/residents?districtCode=030112';
      const staffOf = (districtCode: DistrictCode) =>
        as({ roles: ['district-staff'], institutionIds: [], districtCode });
      expect((await (await staffOf('030112')).get(path)).status).toBe(200);
      const other = await (await staffOf('030101')).get<{ code: string; detail: string }>(path);
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('NOT_YOUR_DISTRICT');
      expect(other.body.detail).toMatch(/Alna/);
      const institution = await as({
        roles: ['institution-staff'],
        institutionIds: [valle.institutionId],
        districtCode: null,
      });
      expect((await institution.get(path)).status).toBe(403);
    });
  });

  describe('steering indicators', () => {
    it('serves the indicators as CSV, one figure per row', async () => {
      const response = await api.get<string>(
        '/api/capacity/indicators?from=2024-01-01&to=2025-01-01&format=csv',
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="styringsdata-2024-01-01-2024-12-31.csv"',
      );
      const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe('indikator;dato;tjenestekategori;bydel;verdi');
      expect(lines).toContain('innleggelser;2024-01-10;;;2');
      expect(lines).toContain('utskrivninger: til egen bolig;;Akutt;;1');
      expect(lines).toContain('opphold startet;;Akutt;Alle bydeler;3');
    });

    it('counts flow, discharge reasons, referrals and stays beyond the norm over 2024', async () => {
      const indicators = await capacity.call(getCapacityIndicators, {
        query: { from: '2024-01-01', to: '2025-01-01' },
      });
      expect(indicators.flow).toHaveLength(366);
      expect(indicators.flow.filter((d) => (d.admissions ?? 0) + (d.discharges ?? 0) > 0)).toEqual([
        { date: '2024-01-10', admissions: 2, discharges: 0 },
        { date: '2024-01-11', admissions: 1, discharges: 0 },
        { date: '2024-01-12', admissions: 0, discharges: 1 },
        { date: '2024-01-13', admissions: 0, discharges: 1 },
      ]);
      expect(indicators.dischargesByReason).toEqual([
        {
          category: 'acute',
          name: 'Akutt',
          total: 2,
          byReason: { planned: 0, 'own-housing': 1, immediate: 1, transfer: 0, dropout: 0, other: 0 },
        },
      ]);
      expect(indicators.movesToOwnHousing).toEqual([
        { category: 'acute', name: 'Akutt', count: 1, withoutOsloAddress: 0 },
      ]);
      expect(indicators.referrals).toEqual([
        {
          districtCode: 'all',
          name: 'Alle bydeler',
          stays: 3,
          categories: [{ category: 'acute', stays: 3, share: 1 }],
        },
        {
          districtCode: '030101',
          name: 'Gamle Oslo',
          stays: 1,
          categories: [{ category: 'acute', stays: 1, share: 1 }],
        },
        {
          districtCode: '030103',
          name: 'Sagene',
          stays: 2,
          categories: [{ category: 'acute', stays: 2, share: 1 }],
        },
      ]);
      // At the new year the third acute stay (from 11 January, 10:00) has lasted 355 days; the norm is 3.
      expect(indicators.staysOverNorm).toEqual([
        {
          category: 'acute',
          name: 'Akutt',
          normedMaxStayDays: 3,
          openStays: 1,
          overNorm: 1,
          longestDays: 355,
        },
      ]);
      // Beyond the norm at some time in 2024, by length (ADR 0221): the open one, 355 days by the new year;
      // the other two lasted under three days.
      const beyond = indicators.staysBeyondNorm.filter((c) => (c.total ?? 0) > 0);
      expect(beyond).toEqual([
        {
          category: 'acute',
          name: 'Akutt',
          normedMaxStayDays: 3,
          total: 1,
          buckets: { threeMonthsToOneYear: 1, oneToTwoYears: 0, twoToFiveYears: 0, overFiveYears: 0 },
        },
      ]);
      expect(indicators.staysBeyondNorm.map((c) => c.category)).toEqual(
        SERVICE_CATEGORIES.map((c) => c.code),
      );
    });
  });

  describe('forecast', () => {
    it('expects places from planned discharges and normed stays, holding reserved places', async () => {
      const forecast = await capacity.call(getCapacityForecast, {
        query: { days: 7, category: 'assessment-drugfree' },
      });
      expect(forecast.today).toBe(today);
      expect(forecast.categories).toHaveLength(1);
      expect(forecast.categories[0].now).toMatchObject({
        capacity: 6,
        occupied: 3,
        reserved: 1,
        free: 2,
        overdueStays: 1,
      });
      expect(forecast.categories[0].days.map((d) => [d.date, d.expectedFree])).toEqual([
        [daysFromToday(1), 2],
        [daysFromToday(2), 3],
        [daysFromToday(3), 3],
        [daysFromToday(4), 3],
        [daysFromToday(5), 4],
        [daysFromToday(6), 4],
        [daysFromToday(7), 4],
      ]);
    });

    it('refuses a horizon outside 1–90 days and an unknown category', async () => {
      for (const [query, error] of [
        ['days=0', 'days: must be a whole number from 1 to 90'],
        ['days=91', 'days: must be a whole number from 1 to 90'],
        ['days=two', 'days: must be a whole number from 1 to 90'],
        ['category=spa', expect.stringMatching(/^category: Invalid option/) as unknown],
      ] as const) {
        const refused = await api.get<{ errors: string[] }>(`/api/capacity/forecast?${query}`);
        expect({ query, status: refused.status, errors: refused.body.errors }).toEqual({
          query,
          status: 400,
          errors: [error],
        });
      }
    });
  });

  describe('unit listing', () => {
    it('lists units with their sequence, filtered, and closed units only on request', async () => {
      const units = (query: RouteInput<typeof listCapacityUnits>['query']) =>
        capacity.call(listCapacityUnits, { query });
      const resourceCentres = await units({ category: 'resource-centre' });
      expect(resourceCentres.map((u) => [u.name, u.sequence, u.occupied, u.available])).toEqual([
        ['Fagerborg 1', 8, 25, 16],
        ['Holmen 1', 4, 10, 50],
      ]);
      expect(await units({ category: 'coping' })).toEqual([]);
      expect((await units({ category: 'coping', includeClosed: 'true' })).map((u) => u.closed)).toEqual([
        true,
      ]);
      const available = await units({ onlyAvailable: 'true', providerType: 'nonprofit' });
      expect(available.map((u) => u.name)).toEqual(['Fagerborg 1', 'Valle korttid']);
      expect((await api.get('/api/capacity/units?onlyAvailable=yes')).status).toBe(400);
    });
  });
});
