import type { CapacityChangedData } from '@plass/contracts';
import { HOUSING_TYPES, withTotals, type HousingType } from '@plass/domain';
import type { UnitState } from '../projection/project';
import {
  categoryHighOccupancy,
  categoryNoAvailability,
  conditionKey,
  figuresChanged,
  districtOfferExpiring,
  districtReferralWaiting,
  housingShortage,
  institutionHighOccupancy,
  institutionOverCapacity,
  institutionThreshold,
  resolveOnly,
  unitOverCapacity,
  unitStaleReport,
  unitStaysOverNorm,
} from './alert-evaluation';

const unitId = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const institutionId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const now = new Date('2026-11-23T12:00:00.000Z');

function unit(overrides: Partial<UnitState> = {}): UnitState {
  return {
    unitId,
    unitName: 'Avdeling 1',
    institutionId,
    institutionName: 'Holmen',
    category: 'resource-centre',
    providerType: 'municipal',
    districtCode: '030107',
    features: [],
    capacity: 4,
    occupied: 5,
    blocked: 0,
    reserved: 0,
    closed: false,
    sequence: 3,
    lastChangeKind: 'admission',
    lastChangeAt: now.toISOString(),
    ...overrides,
  };
}

function scope(
  kind: 'institution' | 'category',
  id: string,
  counts: { capacity: number; occupied: number; blocked?: number; reserved?: number },
): CapacityChangedData {
  return {
    scope: kind,
    id,
    key: `${kind}:${id}`,
    name: id,
    totals: withTotals({ blocked: 0, reserved: 0, ...counts }),
    version: 1,
    updatedAt: now.toISOString(),
  };
}

describe('alert evaluations', () => {
  it('pushes a unit alert to the unit, its institution, category, district and the city', () => {
    const e = unitOverCapacity(unit());
    expect(e.subject).toMatchObject({
      code: 'OVER_CAPACITY',
      scope: 'unit',
      scopeKey: `unit:${unitId}`,
      institutionId,
      districtCode: '030107',
      category: 'resource-centre',
    });
    expect(e.subject.rooms).toEqual([
      `unit:${unitId}`,
      `institution:${institutionId}`,
      'category:resource-centre',
      'district:030107',
      'city',
    ]);
    expect(e.decide(false)).toBe('raise');
    expect(e.measured).toEqual({ capacity: 4, occupied: 5, blocked: 0, usable: 4 });
  });

  it('resolves a closed unit’s overcapacity, stale report and stays over norm', () => {
    const closed = unit({ closed: true, lastChangeAt: '2020-01-01T00:00:00.000Z' });
    expect(unitOverCapacity(closed).decide(true)).toBe('resolve');
    expect(unitStaleReport(closed, now, 3600_000).decide(true)).toBe('resolve');
    expect(unitStaleReport(closed, now, 3600_000).decide(false)).toBe('keep');
    expect(unitStaysOverNorm(closed, 2, '2020-01-01T00:00:00.000Z').decide(true)).toBe('resolve');
  });

  it('measures a stale report’s age against the limit', () => {
    const stale = unitStaleReport(unit({ lastChangeAt: '2026-11-23T10:00:00.000Z' }), now, 3600_000);
    expect(stale.measured).toEqual({
      lastReportAt: '2026-11-23T10:00:00.000Z',
      ageMs: 2 * 3600_000,
      limitMs: 3600_000,
    });
    expect(stale.decide(false)).toBe('raise');
    expect(resolveOnly(stale).decide(false)).toBe('keep');
    expect(resolveOnly(unitStaleReport(unit(), now, 3600_000)).decide(true)).toBe('resolve');
  });

  it('reports stays over norm with the category norm', () => {
    const e = unitStaysOverNorm(unit(), 2, '2024-01-01T00:00:00.000Z');
    expect(e.measured).toEqual({
      staysOverNorm: 2,
      normedMaxStayDays: 365,
      oldestAdmittedAt: '2024-01-01T00:00:00.000Z',
    });
    expect(e.decide(false)).toBe('raise');
  });

  it('evaluates an institution’s totals and routes it to its district', () => {
    const institution = scope('institution', institutionId, { capacity: 20, occupied: 19 });
    expect(institutionOverCapacity(institution, '030107').decide(false)).toBe('keep');
    const high = institutionHighOccupancy(institution, '030107', 0.95);
    expect(high.decide(false)).toBe('raise');
    expect(high.subject.rooms).toEqual([`institution:${institutionId}`, 'district:030107', 'city']);
    expect(high.measured).toMatchObject({ occupancyRate: 0.95, threshold: 0.95 });
  });

  it('evaluates a category city-wide for high occupancy and no availability', () => {
    const full = scope('category', 'acute', { capacity: 10, occupied: 9, reserved: 1 });
    expect(categoryNoAvailability(full).decide(false)).toBe('raise');
    expect(categoryNoAvailability(full).subject).toMatchObject({
      scope: 'category',
      category: 'acute',
      rooms: ['category:acute', 'city'],
    });
    expect(categoryHighOccupancy(full, 0.95).decide(false)).toBe('keep');
    expect(categoryHighOccupancy(full, 0.9).decide(false)).toBe('raise');
  });

  describe('housing shortage, one alert per district (ADR 0172)', () => {
    const supply = (figures: Partial<Record<HousingType, { need: number; vacant: number }>>) =>
      Object.fromEntries(HOUSING_TYPES.map((t) => [t, figures[t] ?? { need: 0, vacant: 0 }])) as Record<
        HousingType,
        { need: number; vacant: number }
      >;

    it('makes one condition per district, whatever types are short, with the shortfall per type', () => {
      const e = housingShortage(
        '030103',
        supply({ 'cluster-staffed-24h': { need: 5, vacant: 2 }, ordinary: { need: 12, vacant: 2 } }),
      );
      expect(e.subject).toMatchObject({
        scope: 'district',
        scopeKey: 'district:030103',
        scopeName: 'Sagene',
        housingType: null,
      });
      expect(e.measured).toEqual({
        need: 17,
        vacant: 4,
        shortfall: 13,
        typesShort: 2,
        'shortfall.ordinary': 10,
        'need.ordinary': 12,
        'vacant.ordinary': 2,
        'shortfall.cluster-staffed-24h': 3,
        'need.cluster-staffed-24h': 5,
        'vacant.cluster-staffed-24h': 2,
      });
      expect(conditionKey(e.subject)).toBe('HOUSING_SHORTAGE|district:030103|');
      expect(e.decide(false)).toBe('raise');
      expect(e.decide(true)).toBe('keep');
    });

    it('does not let a surplus of one type cover the shortfall of another', () => {
      const e = housingShortage(
        '030103',
        supply({ ordinary: { need: 1, vacant: 9 }, 'small-house': { need: 2, vacant: 0 } }),
      );
      expect(e.measured).toMatchObject({ shortfall: 2, typesShort: 1, 'shortfall.small-house': 2 });
      expect(e.decide(false)).toBe('raise');
    });

    it('is resolved when no type is short', () => {
      const e = housingShortage('030103', supply({ ordinary: { need: 3, vacant: 3 } }));
      expect(e.measured).toMatchObject({ shortfall: 0, typesShort: 0 });
      expect(e.decide(true)).toBe('resolve');
      expect(e.decide(false)).toBe('keep');
    });
  });

  describe('current figures (ADR 0172)', () => {
    it('sees changed figures, a figure that appears or disappears, and not the same ones again', () => {
      expect(figuresChanged({ need: 17, vacant: 0 }, { need: 12, vacant: 2 })).toBe(true);
      expect(figuresChanged({ need: 12, vacant: 2 }, { need: 12, vacant: 2 })).toBe(false);
      expect(figuresChanged({ shortfall: 3 }, { shortfall: 3, 'shortfall.ordinary': 3 })).toBe(true);
      expect(figuresChanged({ 'shortfall.ordinary': 3 }, {})).toBe(true);
    });

    it('does not update a stale-report alert for its age alone', () => {
      const held = unitStaleReport(unit({ lastChangeAt: '2026-11-20T00:00:00.000Z' }), now, 1000).measured;
      const later = unitStaleReport(
        unit({ lastChangeAt: '2026-11-20T00:00:00.000Z' }),
        new Date(now.getTime() + 60_000),
        1000,
      ).measured;
      expect(later.ageMs).not.toBe(held.ageMs);
      expect(figuresChanged(held, later)).toBe(false);
    });
  });

  it('counts a category with free places as available though another unit is over capacity (ADR 0171)', () => {
    // Two units: one 3 free, one 1 over. Summed the old way the category had 2; per unit it has 3 free.
    const category: CapacityChangedData = {
      ...scope('category', 'acute', { capacity: 11, occupied: 9 }),
    };
    category.totals = { ...category.totals, available: 3, overCapacity: 1 };
    const e = categoryNoAvailability(category);
    expect(e.measured).toMatchObject({ available: 3, overCapacity: 1 });
    expect(e.decide(false)).toBe('keep');
    // A category whose only free places were taken, with a unit over capacity: no availability.
    const none: CapacityChangedData = { ...category, totals: { ...category.totals, available: 0 } };
    expect(categoryNoAvailability(none).decide(false)).toBe('raise');
  });

  it('keys other conditions by code and scope', () => {
    expect(conditionKey(unitOverCapacity(unit()).subject)).toBe(`OVER_CAPACITY|unit:${unitId}|`);
  });

  it('alerts a district about its referrals with counts and times only, to the district and the city', () => {
    const referrals = {
      acuteOverLimit: 1,
      urgentOverLimit: 2,
      oldestWaitingSince: '2026-12-01T08:00:00.000Z',
      offersExpiring: 0,
      firstExpiresAt: null,
    };
    const waiting = districtReferralWaiting('030103', referrals, { acute: 1, urgent: 2 });
    expect(waiting.subject).toMatchObject({
      code: 'REFERRAL_WAITING',
      scope: 'district',
      scopeKey: 'district:030103',
      districtCode: '030103',
      category: null,
      housingType: null,
      rooms: ['district:030103', 'city'],
    });
    expect(waiting.measured).toEqual({
      waitingOverLimit: 3,
      acuteOverLimit: 1,
      urgentOverLimit: 2,
      oldestReceivedAt: '2026-12-01T08:00:00.000Z',
      acuteLimitMs: 1,
      urgentLimitMs: 2,
    });
    expect(waiting.decide(false)).toBe('raise');
    const expiring = districtOfferExpiring('030103', referrals, 7_200_000);
    expect(expiring.measured).toEqual({ offersExpiring: 0, firstExpiresAt: null, withinMs: 7_200_000 });
    expect(expiring.decide(true)).toBe('resolve');
    expect(conditionKey(expiring.subject)).toBe('OFFER_EXPIRING|district:030103|');
  });

  it('gives an institution its categories’ threshold when they agree, else the default', () => {
    const thresholdOf = (c: string) => (c === 'resource-centre' ? 0.9 : 0.95);
    expect(institutionThreshold(['resource-centre'], thresholdOf, 0.95)).toBe(0.9);
    expect(institutionThreshold(['acute', 'coping'], thresholdOf, 0.95)).toBe(0.95);
    expect(institutionThreshold(['resource-centre', 'acute'], thresholdOf, 0.97)).toBe(0.97);
    expect(institutionThreshold([], thresholdOf, 0.97)).toBe(0.97);
  });
});
