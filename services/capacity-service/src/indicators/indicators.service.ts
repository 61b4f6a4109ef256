/**
 * Steering indicators over a period (ADR 0053): the flow of admissions and discharges per day,
 * discharge reasons and moves to own housing per category, each district's referrals by category,
 * open stays beyond the category's normed maximum at the end of the period, and the stays beyond the
 * norm at any time in the period by length (ADR 0221).
 */
import { Inject, Injectable } from '@nestjs/common';
import {
  STAY_LENGTH_BUCKETS,
  type CapacityIndicators,
  type CapacityIndicatorsQuery,
  type StayLengthBucket,
} from '@plass/contracts';
import {
  addCalendarDays,
  DISCHARGE_REASONS,
  districtName,
  DISTRICT_CODES,
  REPORT_TIME_ZONE,
  SERVICE_CATEGORIES,
  zonedDate,
  type DischargeReason,
  type DistrictCode,
  type ServiceCategoryCode,
} from '@plass/domain';
import { DataSource } from 'typeorm';
import { parsePeriod } from '../reports/period';
import { IndicatorsRepository } from './indicators.repository';

type CategoryShare = CapacityIndicators['referrals'][number]['categories'][number];

const MAX_INDICATOR_DAYS = 366;
const categoryName = (code: ServiceCategoryCode) =>
  SERVICE_CATEGORIES.find((c) => c.code === code)?.name ?? code;
const byCategoryOrder = (a: { category: string }, b: { category: string }) =>
  SERVICE_CATEGORIES.findIndex((c) => c.code === a.category) -
  SERVICE_CATEGORIES.findIndex((c) => c.code === b.category);

function shares(counts: Map<ServiceCategoryCode, number>, total: number): CategoryShare[] {
  return [...counts.entries()]
    .map(([category, stays]) => ({ category, stays, share: stays / total }))
    .sort(byCategoryOrder);
}

@Injectable()
export class IndicatorsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(IndicatorsRepository) private readonly repository: IndicatorsRepository,
  ) {}

  async indicators(query: CapacityIndicatorsQuery, now = Date.now()): Promise<CapacityIndicators> {
    const period = parsePeriod(query.from, query.to, MAX_INDICATOR_DAYS, 'an indicator report');
    const from = new Date(period.from);
    const until = new Date(Math.min(period.to, Math.max(period.from, now)));
    const m = this.dataSource.manager;
    const norms = SERVICE_CATEGORIES.map((c) => ({ category: c.code, days: c.normedMaxStayDays }));
    const [admitted, discharged, reasons, referrals, overNorm, beyondNorm] = await Promise.all([
      this.repository.perDay(m, 'admitted_at', from, until, REPORT_TIME_ZONE),
      this.repository.perDay(m, 'discharged_at', from, until, REPORT_TIME_ZONE),
      this.repository.dischargesByReason(m, from, until),
      this.repository.referrals(m, from, until),
      this.repository.openStaysOverNorm(m, until, norms),
      this.repository.staysBeyondNorm(m, from, until, norms, STAY_LENGTH_BUCKETS),
    ]);

    const flow: CapacityIndicators['flow'] = [];
    if (until.getTime() > period.from) {
      const admissions = new Map(admitted.map((r) => [r.date, r.count]));
      const discharges = new Map(discharged.map((r) => [r.date, r.count]));
      const last = zonedDate(until.getTime() - 1);
      for (let date = zonedDate(period.from); date <= last; date = addCalendarDays(date, 1)) {
        flow.push({ date, admissions: admissions.get(date) ?? 0, discharges: discharges.get(date) ?? 0 });
      }
    }

    const byCategory = new Map<ServiceCategoryCode, Record<DischargeReason, number>>();
    const movesWithoutOsloAddress = new Map<ServiceCategoryCode, number>();
    for (const r of reasons) {
      if (r.reason === 'own-housing') movesWithoutOsloAddress.set(r.category, r.without_oslo_address);
      const counts =
        byCategory.get(r.category) ??
        (Object.fromEntries(DISCHARGE_REASONS.map((reason) => [reason, 0])) as Record<
          DischargeReason,
          number
        >);
      counts[r.reason] += r.count;
      byCategory.set(r.category, counts);
    }
    const dischargesByReason = [...byCategory.entries()]
      .map(([category, byReason]) => ({
        category,
        name: categoryName(category),
        total: Object.values(byReason).reduce((a, b) => a + b, 0),
        byReason,
      }))
      .sort(byCategoryOrder);

    const perDistrict = new Map<DistrictCode, Map<ServiceCategoryCode, number>>();
    const all = new Map<ServiceCategoryCode, number>();
    for (const r of referrals) {
      const counts = perDistrict.get(r.district_code) ?? new Map<ServiceCategoryCode, number>();
      counts.set(r.category, (counts.get(r.category) ?? 0) + r.count);
      perDistrict.set(r.district_code, counts);
      all.set(r.category, (all.get(r.category) ?? 0) + r.count);
    }
    const total = (counts: Map<ServiceCategoryCode, number>) =>
      [...counts.values()].reduce((a, b) => a + b, 0);
    const referralRows: CapacityIndicators['referrals'] = [
      ...(all.size > 0
        ? [
            {
              districtCode: 'all' as const,
              name: 'Alle bydeler',
              stays: total(all),
              categories: shares(all, total(all)),
            },
          ]
        : []),
      ...[...perDistrict.entries()]
        .sort(([a], [b]) => DISTRICT_CODES.indexOf(a) - DISTRICT_CODES.indexOf(b))
        .map(([districtCode, counts]) => ({
          districtCode,
          name: districtName(districtCode),
          stays: total(counts),
          categories: shares(counts, total(counts)),
        })),
    ];

    return {
      from: from.toISOString(),
      to: new Date(period.to).toISOString(),
      countedUntil: until.toISOString(),
      timeZone: REPORT_TIME_ZONE,
      flow,
      dischargesByReason,
      movesToOwnHousing: dischargesByReason.map((d) => ({
        category: d.category,
        name: d.name,
        count: d.byReason['own-housing'],
        withoutOsloAddress: movesWithoutOsloAddress.get(d.category) ?? 0,
      })),
      referrals: referralRows,
      staysOverNorm: overNorm
        .map((r) => ({
          category: r.category,
          name: categoryName(r.category),
          normedMaxStayDays: SERVICE_CATEGORIES.find((c) => c.code === r.category)?.normedMaxStayDays ?? 0,
          openStays: r.open_stays,
          overNorm: r.over_norm,
          longestDays: r.longest_days,
        }))
        .sort(byCategoryOrder),
      staysBeyondNorm: SERVICE_CATEGORIES.map((c) => {
        const buckets = Object.fromEntries(
          STAY_LENGTH_BUCKETS.map((b) => [
            b.key,
            beyondNorm.find((r) => r.category === c.code && r.bucket === b.key)?.count ?? 0,
          ]),
        ) as Record<StayLengthBucket, number>;
        return {
          category: c.code,
          name: c.name,
          normedMaxStayDays: c.normedMaxStayDays,
          total: Object.values(buckets).reduce((a, b) => a + b, 0),
          buckets,
        };
      }),
    };
  }
}
