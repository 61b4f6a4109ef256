/**
 * The financing report (ADR 0226): the city's own and non-profit places in bed-days — available
 * (capacity − blocked), used, unused — from the utilisation report's integration, next to the districts'
 * purchased places (enkeltkjøp), their cost and the days bought while the category had a free place.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { FinancingFigures, FinancingReport, FinancingReportQuery, FinancingRow } from '@plass/contracts';
import {
  addPlaceTime,
  districtName,
  DISTRICT_CODES,
  REPORT_TIME_ZONE,
  scopeKey,
  SERVICE_CATEGORIES,
  utilization,
  ZERO_PLACE_TIME,
  zonedDate,
  type PlaceTime,
} from '@plass/domain';
import { DataSource } from 'typeorm';
import { DemandRepository } from '../demand/demand.repository';
import { parsePeriod, stepsOf } from '../reports/period';
import { MAX_REPORT_DAYS, UtilizationService } from '../reports/utilization.service';
import {
  daysWithFreePlace,
  hundredths,
  purchaseFigures,
  ZERO_PURCHASE_FIGURES,
  type FreePlaceChange,
  type PurchaseFigures,
  type ReportDay,
} from './financing-report';
import { PurchaseRepository } from './purchase.repository';

/** The provider types whose places the city finances by capacity (ADR 0226). */
type Financed = 'municipal' | 'nonprofit';
type Places = Record<Financed, PlaceTime>;
const NO_PLACES: Places = { municipal: ZERO_PLACE_TIME, nonprofit: ZERO_PLACE_TIME };

function placeFigures(places: Places) {
  const own = utilization(places.municipal);
  const nonprofit = utilization(places.nonprofit);
  const available = (u: typeof own) => hundredths(u.possibleBedDays - u.blockedBedDays);
  return {
    ownAvailableBedDays: available(own),
    ownUsedBedDays: own.usedBedDays,
    ownUnusedBedDays: own.unusedBedDays,
    nonprofitAvailableBedDays: available(nonprofit),
    nonprofitUsedBedDays: nonprofit.usedBedDays,
    nonprofitUnusedBedDays: nonprofit.unusedBedDays,
  };
}

@Injectable()
export class FinancingService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(UtilizationService) private readonly utilization: UtilizationService,
    @Inject(DemandRepository) private readonly history: DemandRepository,
    @Inject(PurchaseRepository) private readonly purchases: PurchaseRepository,
  ) {}

  async report(query: FinancingReportQuery, now = Date.now()): Promise<FinancingReport> {
    const period = parsePeriod(query.from, query.to, MAX_REPORT_DAYS, 'a financing report');
    // Counted up to now: the future has neither occupancy nor free places yet.
    const until = Math.min(period.to, Math.max(period.from, now));
    const m = this.dataSource.manager;

    const byCategory = new Map<string, Places>();
    let city = NO_PLACES;
    await this.utilization.integrate(period.from, until, (state, time) => {
      const type = state.provider_type;
      if (type !== 'municipal' && type !== 'nonprofit') return;
      const places = byCategory.get(state.category) ?? NO_PLACES;
      byCategory.set(state.category, { ...places, [type]: addPlaceTime(places[type], time) });
      city = { ...city, [type]: addPlaceTime(city[type], time) };
    });

    const days: ReportDay[] = stepsOf({ from: period.from, to: until }, 'day').map((d) => ({
      ...d,
      date: zonedDate(d.start),
    }));
    const [purchaseRows, atStart, changes] =
      days.length === 0
        ? [[], new Map<string, number>(), []]
        : await Promise.all([
            this.purchases.overlapping(m, days[0].date, days[days.length - 1].date),
            this.history.categoriesAvailableAt(m, new Date(period.from)),
            this.history.categoryChanges(m, new Date(period.from), new Date(until)),
          ]);
    const freeDays = new Map<string, boolean[]>();
    for (const { code } of SERVICE_CATEGORIES) {
      const key = scopeKey('category', code);
      const own: FreePlaceChange[] = changes
        .filter((c) => c.scope_key === key)
        .map((c) => ({ at: c.at.getTime(), delta: c.delta }));
      freeDays.set(code, daysWithFreePlace(atStart.get(key) ?? 0, own, days));
    }
    const bought = purchaseFigures(
      purchaseRows.map((p) => ({
        groupKey: query.groupBy === 'category' ? p.category : p.district_code,
        category: p.category,
        firstDay: p.first_day,
        lastDay: p.last_day,
        pricePerDay: p.price_per_day,
      })),
      days,
      freeDays,
    );
    const purchasesOf = (key: string): PurchaseFigures => bought.groups.get(key) ?? ZERO_PURCHASE_FIGURES;

    let groups: FinancingRow[];
    if (query.groupBy === 'category') {
      groups = SERVICE_CATEGORIES.filter((c) => byCategory.has(c.code) || bought.groups.has(c.code)).map(
        (c) => ({
          key: c.code,
          name: c.name,
          ...placeFigures(byCategory.get(c.code) ?? NO_PLACES),
          ...purchasesOf(c.code),
        }),
      );
    } else {
      const referred = new Map<string, { municipal: number; nonprofit: number }>();
      if (until > period.from) {
        for (const row of await this.purchases.referredBedDays(m, new Date(period.from), new Date(until))) {
          const used = referred.get(row.referring_district_code) ?? { municipal: 0, nonprofit: 0 };
          if (row.provider_type === 'municipal' || row.provider_type === 'nonprofit') {
            used[row.provider_type] += row.bed_days;
          }
          referred.set(row.referring_district_code, used);
        }
      }
      groups = DISTRICT_CODES.filter((d) => referred.has(d) || bought.groups.has(d)).map((d) => ({
        key: d,
        name: districtName(d),
        // Capacity is the city's: a district has no available or unused bed-days of its own.
        ownAvailableBedDays: null,
        ownUsedBedDays: hundredths(referred.get(d)?.municipal ?? 0),
        ownUnusedBedDays: null,
        nonprofitAvailableBedDays: null,
        nonprofitUsedBedDays: hundredths(referred.get(d)?.nonprofit ?? 0),
        nonprofitUnusedBedDays: null,
        ...purchasesOf(d),
      }));
    }

    const total: FinancingFigures = { ...placeFigures(city), ...bought.total };
    return {
      from: new Date(period.from).toISOString(),
      to: new Date(period.to).toISOString(),
      countedUntil: new Date(until).toISOString(),
      groupBy: query.groupBy,
      timeZone: REPORT_TIME_ZONE,
      groups,
      total,
    };
  }
}
