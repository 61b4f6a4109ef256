/** The history of one scope as a series of states, one per hour or Oslo calendar day. */
import { Inject, Injectable } from '@nestjs/common';
import { REPORT_TIME_ZONE, scopeKey, withTotals, type CapacityTotals, type Scope } from '@plass/domain';
import { problem } from '@plass/observability';
import { DataSource } from 'typeorm';
import { ProjectionRepository } from '../projection/projection.repository';
import { invalidQuery, MAX_SERIES_DAYS, parsePeriod, stepsOf, type Step } from '../reports/period';
import type { HistoryQuery } from './dto/history.query';
import { HistoryRepository } from './history.repository';

export interface HistoryPoint extends CapacityTotals {
  /** The step, [start, end). */
  start: string;
  end: string;
}

export interface HistoryDto {
  scope: Scope;
  id: string | null;
  key: string;
  name: string | null;
  from: string;
  to: string;
  step: Step;
  timeZone: string;
  /** The state at the end of each step (the last change before it carried forward); steps not yet begun are left out. */
  points: HistoryPoint[];
}

@Injectable()
export class HistoryService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(HistoryRepository) private readonly history: HistoryRepository,
    @Inject(ProjectionRepository) private readonly scopes: ProjectionRepository,
  ) {}

  async series(query: HistoryQuery, now = Date.now()): Promise<HistoryDto> {
    const step = query.step ?? 'day';
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
      points: rows.map((r) => ({
        start: r.start.toISOString(),
        end: r.end.toISOString(),
        ...withTotals(r),
      })),
    };
  }
}
