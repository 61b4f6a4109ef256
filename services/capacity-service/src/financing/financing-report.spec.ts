import { daysWithFreePlace, purchaseFigures, type ReportDay, type ReportPurchase } from './financing-report';

const DAY = 86_400_000;
/** Three days from 0: 2026-03-01, -02, -03 (the dates only label them). */
const days: ReportDay[] = [0, 1, 2].map((i) => ({
  start: i * DAY,
  end: (i + 1) * DAY,
  date: `2026-03-0${i + 1}`,
}));

const purchase = (over: Partial<ReportPurchase> = {}): ReportPurchase => ({
  groupKey: 'acute',
  category: 'acute',
  firstDay: '2026-03-01',
  lastDay: null,
  pricePerDay: 4000,
  ...over,
});

describe('daysWithFreePlace', () => {
  it('counts a day free only when free places stay above zero the whole day', () => {
    // Day 1 free all day; day 2 drops to 0 at noon and back at 18:00; day 3 starts at 1 again.
    const changes = [
      { at: DAY + DAY / 2, delta: -1 },
      { at: DAY + (3 * DAY) / 4, delta: 1 },
    ];
    expect(daysWithFreePlace(1, changes, days)).toEqual([true, false, true]);
  });

  it('takes changes before the first day into the start', () => {
    expect(daysWithFreePlace(0, [{ at: -1, delta: 2 }], days)).toEqual([true, true, true]);
  });

  it('has no free day for a category without free places', () => {
    expect(daysWithFreePlace(0, [], days)).toEqual([false, false, false]);
  });

  it('counts the day free from the day after a place frees up during it', () => {
    expect(daysWithFreePlace(0, [{ at: DAY / 2, delta: 1 }], days)).toEqual([false, true, true]);
  });
});

describe('purchaseFigures', () => {
  it('counts one bed-day per covered day at its price, the last day included', () => {
    const { groups, total } = purchaseFigures(
      [purchase({ firstDay: '2026-03-02', lastDay: '2026-03-03', pricePerDay: 3500 })],
      days,
      new Map(),
    );
    expect(groups.get('acute')).toEqual({
      purchasedBedDays: 2,
      purchaseCost: 7000,
      purchasedWhileFreeBedDays: 0,
      purchaseCostWhileFree: 0,
      daysBoughtWhileFree: 0,
    });
    expect(total.purchasedBedDays).toBe(2);
  });

  it('counts an open purchase up to the last day of the period, and none before its first day', () => {
    const { total } = purchaseFigures([purchase({ firstDay: '2026-02-01' })], days, new Map());
    expect(total.purchasedBedDays).toBe(3);
    expect(
      purchaseFigures([purchase({ firstDay: '2026-04-01' })], days, new Map()).total.purchasedBedDays,
    ).toBe(0);
  });

  it('counts the days bought while the category had a free place, each calendar day once', () => {
    const free = new Map([
      ['acute', [true, false, true]],
      ['coping', [true, true, true]],
    ]);
    const { groups, total } = purchaseFigures(
      [
        purchase({ groupKey: '030101', pricePerDay: 1000 }),
        purchase({ groupKey: '030101', pricePerDay: 2000 }),
        purchase({ groupKey: '030102', category: 'coping', lastDay: '2026-03-02', pricePerDay: 500 }),
        // A category with no history had no free place.
        purchase({ groupKey: '030102', category: 'care-active', pricePerDay: 100 }),
      ],
      days,
      free,
    );
    expect(groups.get('030101')).toEqual({
      purchasedBedDays: 6,
      purchaseCost: 9000,
      purchasedWhileFreeBedDays: 4,
      purchaseCostWhileFree: 6000,
      daysBoughtWhileFree: 2,
    });
    expect(groups.get('030102')).toEqual({
      purchasedBedDays: 5,
      purchaseCost: 1300,
      purchasedWhileFreeBedDays: 2,
      purchaseCostWhileFree: 1000,
      daysBoughtWhileFree: 2,
    });
    expect(total).toEqual({
      purchasedBedDays: 11,
      purchaseCost: 10_300,
      purchasedWhileFreeBedDays: 6,
      purchaseCostWhileFree: 7000,
      daysBoughtWhileFree: 3,
    });
  });
});
