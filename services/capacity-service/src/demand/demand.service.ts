/** The demand report: referrals per first-preference category or district over a period (ADR 0162). */
import { Inject, Injectable } from '@nestjs/common';
import type { DemandReport, DemandReportQuery, DemandRow } from '@plass/contracts';
import { districtName, DISTRICT_CODES, REPORT_TIME_ZONE, scopeKey, SERVICE_CATEGORIES } from '@plass/domain';
import { DataSource } from 'typeorm';
import { parsePeriod, stepsOf } from '../reports/period';
import { MAX_REPORT_DAYS } from '../reports/utilization.service';
import {
  daysWithoutFreePlace,
  demandFigures,
  type AvailableChange,
  type DemandDecline,
  type DemandReferral,
} from './demand-report';
import { DemandRepository } from './demand.repository';

@Injectable()
export class DemandService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(DemandRepository) private readonly repository: DemandRepository,
  ) {}

  async report(query: DemandReportQuery, now = Date.now()): Promise<DemandReport> {
    const period = parsePeriod(query.from, query.to, MAX_REPORT_DAYS, 'a demand report');
    const m = this.dataSource.manager;
    const from = new Date(period.from);
    const to = new Date(period.to);
    const [rows, declineRows] = await Promise.all([
      this.repository.referrals(m, from, to),
      this.repository.declines(m, from, to),
    ]);
    const groupKey = (r: { first_category: string; district_code: string }) =>
      query.groupBy === 'category' ? r.first_category : r.district_code;
    const referrals: DemandReferral[] = rows.map((r) => ({
      groupKey: groupKey(r),
      status: r.status,
      createdAt: r.created_at.getTime(),
      placedAt: r.placed_at?.getTime() ?? null,
      withdrawnAt: r.withdrawn_at?.getTime() ?? null,
    }));
    const declines: DemandDecline[] = declineRows.map((d) => ({
      groupKey: groupKey(d),
      reason: d.reason,
      decidedAt: d.decided_at.getTime(),
    }));
    const figuresOf = (key: string) =>
      demandFigures(
        referrals.filter((r) => r.groupKey === key),
        declines.filter((d) => d.groupKey === key),
        period,
      );

    let groups: DemandRow[];
    if (query.groupBy === 'category') {
      // Free places are counted up to now: the future has no history yet.
      const until = Math.min(period.to, Math.max(period.from, now));
      const days = stepsOf({ from: period.from, to: until }, 'day');
      const [atStart, changes] = await Promise.all([
        this.repository.categoriesAvailableAt(m, from),
        this.repository.categoryChanges(m, from, new Date(until)),
      ]);
      const changesOf = new Map<string, AvailableChange[]>();
      for (const c of changes) {
        const list = changesOf.get(c.scope_key) ?? [];
        list.push({ at: c.at.getTime(), delta: c.delta });
        changesOf.set(c.scope_key, list);
      }
      groups = SERVICE_CATEGORIES.map((c) => {
        const key = scopeKey('category', c.code);
        return {
          key: c.code,
          name: c.name,
          ...figuresOf(c.code),
          daysWithoutFreePlace: daysWithoutFreePlace(atStart.get(key) ?? 0, changesOf.get(key) ?? [], days),
        };
      });
    } else {
      groups = DISTRICT_CODES.map((code) => ({
        key: code,
        name: districtName(code),
        ...figuresOf(code),
      }));
    }

    return {
      from: from.toISOString(),
      to: to.toISOString(),
      groupBy: query.groupBy,
      timeZone: REPORT_TIME_ZONE,
      groups,
      total: demandFigures(referrals, declines, period),
    };
  }
}
