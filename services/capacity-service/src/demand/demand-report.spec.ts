import { daysWithoutFreePlace, demandFigures, percentile, type DemandReferral } from './demand-report';

const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.parse('2026-11-01T00:00:00.000Z');
const period = { from: T0, to: T0 + 10 * DAY };

/** A referral received `createdH` hours after the period began; `placedH`/`withdrawnH` likewise. */
function referral(createdH: number, outcome: Partial<DemandReferral> = {}): DemandReferral {
  return {
    groupKey: 'coping',
    status: 'waiting',
    createdAt: T0 + createdH * H,
    placedAt: null,
    withdrawnAt: null,
    ...outcome,
  };
}

describe(percentile.name, () => {
  it('takes the nearest rank, whatever order the values come in', () => {
    expect(percentile([30, 10, 20, 40], 0.5)).toBe(20);
    expect(percentile([30, 10, 20, 40], 0.9)).toBe(40);
    expect(percentile([5], 0.9)).toBe(5);
    expect(percentile([], 0.5)).toBeNull();
  });
});

describe(demandFigures.name, () => {
  it('counts received, placed and withdrawn in the period and the waiting now whatever the period', () => {
    const figures = demandFigures(
      [
        referral(-48), // received before the period, still waiting
        referral(1, { status: 'offered' }),
        referral(2, { status: 'placed', placedAt: T0 + 12 * H }),
        referral(-24, { status: 'placed', placedAt: T0 + 24 * H }),
        referral(3, { status: 'withdrawn', withdrawnAt: T0 + 5 * H }),
        referral(-100, { status: 'placed', placedAt: T0 - H }), // placed before the period
        referral(10 * 24, { status: 'waiting' }), // received at the (exclusive) end
      ],
      [
        { groupKey: 'coping', reason: 'unsuitable', decidedAt: T0 + 2 * H },
        { groupKey: 'coping', reason: 'unsuitable', decidedAt: T0 + 3 * H },
        { groupKey: 'coping', reason: 'other', decidedAt: T0 + 4 * H },
        { groupKey: 'coping', reason: 'other', decidedAt: T0 - H }, // declined before the period
      ],
      period,
    );
    expect(figures).toEqual({
      received: 3,
      placed: 2,
      withdrawn: 1,
      waitingNow: 3,
      waitingHoursP50: 10,
      waitingHoursP90: 48,
      offersDeclined: { 'declined-by-resident': 0, unsuitable: 2, 'placed-elsewhere': 0, other: 1 },
    });
  });

  it('has no percentiles when nothing was placed: still waiting referrals are not in them', () => {
    expect(demandFigures([referral(1), referral(2)], [], period)).toMatchObject({
      waitingHoursP50: null,
      waitingHoursP90: null,
      waitingNow: 2,
    });
  });
});

describe(daysWithoutFreePlace.name, () => {
  const days = [0, 1, 2, 3].map((i) => ({ start: T0 + i * DAY, end: T0 + (i + 1) * DAY }));

  it('counts a day on which the free places reached zero at some moment', () => {
    // 1 free when day 0 begins; full on day 1 from 10:00 to day 2 at 08:00; free again after that.
    const changes = [
      { at: T0 + DAY + 10 * H, delta: -1 },
      { at: T0 + 2 * DAY + 8 * H, delta: 1 },
    ];
    expect(daysWithoutFreePlace(1, changes, days)).toBe(2);
  });

  it('counts every day of a category with no place at all, and none of one never full', () => {
    expect(daysWithoutFreePlace(0, [], days)).toBe(4);
    expect(daysWithoutFreePlace(3, [{ at: T0 + H, delta: -2 }], days)).toBe(0);
  });

  it('applies changes before the first day to its start', () => {
    expect(daysWithoutFreePlace(1, [{ at: T0 - H, delta: -1 }], days)).toBe(4);
  });
});
