/**
 * The financing report's pure maths (ADR 0226): which days a category had a free place, and purchased days,
 * their cost and the days bought while the city had a free place, per group.
 */

/** One change of a category's free places (Σ max(0, available) per unit, from scope_history). */
export interface FreePlaceChange {
  at: number;
  delta: number;
}

/** One Oslo calendar day of the period: `[start, end)` in ms and its date (YYYY-MM-DD). */
export interface ReportDay {
  start: number;
  end: number;
  date: string;
}

/**
 * For each day, whether the category had at least one free place the whole day: free places > 0 when the
 * day began and after every change during it. The exact complement of the demand report's "day with no
 * free place" (a day with a moment of none is not free).
 */
export function daysWithFreePlace(
  freeAtStart: number,
  changes: readonly FreePlaceChange[],
  days: readonly ReportDay[],
): boolean[] {
  let free = freeAtStart;
  let i = 0;
  return days.map((day) => {
    while (i < changes.length && changes[i].at < day.start) free += changes[i++].delta;
    let always = free > 0;
    while (i < changes.length && changes[i].at < day.end) {
      free += changes[i++].delta;
      if (free <= 0) always = false;
    }
    return always;
  });
}

/** A purchase as the report reads it: its group, category, days (inclusive; `lastDay` null: open) and price. */
export interface ReportPurchase {
  groupKey: string;
  category: string;
  firstDay: string;
  lastDay: string | null;
  pricePerDay: number;
}

export interface PurchaseFigures {
  purchasedBedDays: number;
  purchaseCost: number;
  purchasedWhileFreeBedDays: number;
  purchaseCostWhileFree: number;
  daysBoughtWhileFree: number;
}

export const ZERO_PURCHASE_FIGURES: PurchaseFigures = {
  purchasedBedDays: 0,
  purchaseCost: 0,
  purchasedWhileFreeBedDays: 0,
  purchaseCostWhileFree: 0,
  daysBoughtWhileFree: 0,
};

/**
 * Purchased days per group and for all groups together: one bed-day per purchase per day of the period it
 * covers, at its price; "while free" when its category had a free place that whole day (`freeDays`, by
 * category, one flag per day; a category without history never had one). `daysBoughtWhileFree` counts
 * each calendar day once per group (and once in the total).
 */
export function purchaseFigures(
  purchases: readonly ReportPurchase[],
  days: readonly ReportDay[],
  freeDays: ReadonlyMap<string, readonly boolean[]>,
): { groups: Map<string, PurchaseFigures>; total: PurchaseFigures } {
  const groups = new Map<string, PurchaseFigures & { freeDates: Set<string> }>();
  const total = { ...ZERO_PURCHASE_FIGURES, freeDates: new Set<string>() };
  for (const p of purchases) {
    const group = groups.get(p.groupKey) ?? { ...ZERO_PURCHASE_FIGURES, freeDates: new Set<string>() };
    groups.set(p.groupKey, group);
    const free = freeDays.get(p.category);
    days.forEach((day, i) => {
      if (day.date < p.firstDay || (p.lastDay !== null && day.date > p.lastDay)) return;
      for (const figures of [group, total]) {
        figures.purchasedBedDays += 1;
        figures.purchaseCost += p.pricePerDay;
        if (free?.[i]) {
          figures.purchasedWhileFreeBedDays += 1;
          figures.purchaseCostWhileFree += p.pricePerDay;
          figures.freeDates.add(day.date);
        }
      }
    });
  }
  const done = ({
    freeDates,
    ...figures
  }: PurchaseFigures & { freeDates: Set<string> }): PurchaseFigures => ({
    ...figures,
    daysBoughtWhileFree: freeDates.size,
  });
  return {
    groups: new Map([...groups].map(([key, figures]) => [key, done(figures)])),
    total: done(total),
  };
}

/** Bed-days rounded half away from zero to hundredths, as the utilisation report rounds. */
export function hundredths(value: number): number {
  return (Math.sign(value) * Math.round(Math.abs(value) * 100)) / 100;
}
