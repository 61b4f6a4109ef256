/** The history of one scope as a series of states, one per hour or Oslo calendar day. */
import { Inject, Injectable } from '@nestjs/common';
import type { CapacityHistory, CapacityHistoryPoint, CapacityHistoryQuery } from '@plass/contracts';
import { REPORT_TIME_ZONE, scopeKey, withTotals } from '@plass/domain';
import { problem } from '@plass/observability';
import { DataSource } from 'typeorm';
import { ProjectionRepository } from '../projection/projection.repository';
import { invalidQuery, MAX_SERIES_DAYS, parsePeriod, stepsOf } from '../reports/period';
import { HistoryRepository, type SeriesRow } from './history.repository';

const UNKNOWN = {
  capacity: null,
  occupied: null,
  blocked: null,
  reserved: null,
  available: null,
  overCapacity: null,
  occupancyRate: null,
} as const;

/**
 * A step's point: its totals, or nulls before the scope's first change (a gap, not 0; ADR 0186).
 * `available` is the free places summed per unit and `overCapacity` apart, as in the summary (ADR 0192).
 */
export function historyPoint(row: SeriesRow): CapacityHistoryPoint {
  const step = { start: row.start.toISOString(), end: row.end.toISOString() };
  if (!row.known) return { ...step, ...UNKNOWN };
  const { capacity, occupied, blocked, reserved } = row;
  return {
    ...step,
    ...withTotals({ capacity, occupied, blocked, reserved }),
    available: row.free,
    overCapacity: row.overCapacity,
  };
}

@Injectable()
export class HistoryService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(HistoryRepository) private readonly history: HistoryRepository,
    @Inject(ProjectionRepository) private readonly scopes: ProjectionRepository,
  ) {}

  async series(query: CapacityHistoryQuery, now = Date.now()): Promise<CapacityHistory> {
    const step = query.step;
    if (query.scope !== 'city' && !query.id) throw invalidQuery(`scope ${query.scope} needs an id`);
    const id = query.scope === 'city' ? null : (query.id ?? null);
    const key = scopeKey(query.scope, id);
    const period = parsePeriod(
      query.from,
      query.to,
      MAX_SERIES_DAYS[step],
      `a series by ${step}${step === 'hour' ? ' (use step=day for longer periods)' : ''}`,
    );
    const manager = this.dataSource.manager;
    const scope = await this.scopes.findScope(manager, key);
    if (!scope && key !== 'city') {
      throw problem(404, 'Unknown scope', `no capacity is known for ${key}`, { code: 'UNKNOWN_SCOPE' });
    }
    const steps = stepsOf(period, step).filter((s) => s.start < now);
    const rows = steps.length > 0 ? await this.history.series(manager, key, steps) : [];
    return {
      scope: query.scope,
      id,
      key,
      name: scope?.name ?? (key === 'city' ? 'Oslo' : null),
      from: new Date(period.from).toISOString(),
      to: new Date(period.to).toISOString(),
      step,
      timeZone: REPORT_TIME_ZONE,
      points: rows.map((r) => historyPoint(r)),
    };
  }
}
