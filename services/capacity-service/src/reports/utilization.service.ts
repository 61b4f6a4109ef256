/**
 * The utilisation report: possible, used, blocked and unused bed-days and the occupancy rate per
 * group over a period, integrated from every unit's event history (ADR 0051) on the effective time
 * line (ADRs 0215, 0216).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { GroupBy, UtilizationReport, UtilizationReportQuery } from '@plass/contracts';
import {
  addPlaceTime,
  districtName,
  DISTRICT_CODES,
  integrateUnitStates,
  PROVIDER_TYPES,
  REPORT_TIME_ZONE,
  SERVICE_CATEGORIES,
  SERVICE_CATEGORY_CODES,
  statesFromDeltas,
  utilization,
  ZERO_PLACE_TIME,
  type PlaceTime,
  type ProviderType,
  type EffectiveDelta,
} from '@plass/domain';
import { DataSource } from 'typeorm';
import { parsePeriod } from './period';
import { UtilizationRepository, type UnitDeltaRow, type UnitStateRow } from './utilization.repository';

/** Five years of history at most per report. */
export const MAX_REPORT_DAYS = 1827;

export const PROVIDER_TYPE_NAMES: Record<ProviderType, string> = {
  municipal: 'Kommunal (egenregi)',
  nonprofit: 'Ideell',
  private: 'Kommersiell',
};

interface Group {
  key: string;
  name: string;
  order: number | string;
  time: PlaceTime;
}

function groupOf(row: UnitStateRow, groupBy: GroupBy): Omit<Group, 'time'> {
  switch (groupBy) {
    case 'category':
      return {
        key: row.category,
        name: SERVICE_CATEGORIES.find((c) => c.code === row.category)?.name ?? row.category,
        order: SERVICE_CATEGORY_CODES.indexOf(row.category),
      };
    case 'institution':
      return { key: row.institution_id, name: row.institution_name, order: row.institution_name };
    case 'providerType':
      return {
        key: row.provider_type,
        name: PROVIDER_TYPE_NAMES[row.provider_type] ?? row.provider_type,
        order: PROVIDER_TYPES.indexOf(row.provider_type),
      };
    case 'district':
      return {
        key: row.district_code,
        name: districtName(row.district_code),
        order: DISTRICT_CODES.indexOf(row.district_code),
      };
  }
}

type StateAt = UnitStateRow & { at: number };

/** Per unit: its state when the period begins, and its changes and events within it as deltas. */
function unitTimelines(
  starts: UnitStateRow[],
  events: UnitStateRow[],
  deltas: UnitDeltaRow[],
): { start?: StateAt; changes: EffectiveDelta<StateAt>[] }[] {
  const units = new Map<string, { unitId: string; start?: StateAt; changes: EffectiveDelta<StateAt>[] }>();
  const unit = (unitId: string) => {
    let entry = units.get(unitId);
    if (!entry) units.set(unitId, (entry = { unitId, changes: [] }));
    return entry;
  };
  for (const row of starts) unit(row.unit_id).start = { ...row, at: row.time.getTime() };
  for (const row of events) {
    const at = row.time.getTime();
    unit(row.unit_id).changes.push({
      at,
      sequence: row.sequence,
      capacity: 0,
      occupied: 0,
      blocked: 0,
      fields: { ...row, at },
    });
  }
  for (const row of deltas) {
    unit(row.unit_id).changes.push({
      at: row.at.getTime(),
      sequence: row.sequence,
      capacity: row.capacity,
      occupied: row.occupied,
      blocked: row.blocked,
    });
  }
  // In unit order, as the groups' latest names always were taken.
  return [...units.values()].sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
}

function compare(a: Group, b: Group): number {
  return typeof a.order === 'number' && typeof b.order === 'number'
    ? a.order - b.order
    : String(a.order).localeCompare(String(b.order), 'nb');
}

@Injectable()
export class UtilizationService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(UtilizationRepository) private readonly repository: UtilizationRepository,
  ) {}

  async report(query: UtilizationReportQuery, now = Date.now()): Promise<UtilizationReport> {
    const groupBy = query.groupBy;
    const period = parsePeriod(query.from, query.to, MAX_REPORT_DAYS, 'a utilisation report');
    const until = Math.min(period.to, Math.max(period.from, now));
    const groups = new Map<string, Group>();
    let total = ZERO_PLACE_TIME;

    await this.integrate(period.from, until, (state, time) => {
      const ref = groupOf(state, groupBy);
      const group = groups.get(ref.key) ?? { ...ref, time: ZERO_PLACE_TIME };
      // The latest name wins (an institution may be renamed within the period).
      groups.set(ref.key, {
        ...group,
        name: ref.name,
        order: ref.order,
        time: addPlaceTime(group.time, time),
      });
      total = addPlaceTime(total, time);
    });

    return {
      from: new Date(period.from).toISOString(),
      to: new Date(period.to).toISOString(),
      countedUntil: new Date(until).toISOString(),
      groupBy,
      timeZone: REPORT_TIME_ZONE,
      groups: [...groups.values()]
        .sort(compare)
        .map((g) => ({ key: g.key, name: g.name, ...utilization(g.time) })),
      total: utilization(total),
    };
  }

  /**
   * Integrates every unit's states over [from, until) and hands each state with its place-time to `add`:
   * the one integration this report and the financing report (ADR 0226) share.
   */
  async integrate(
    from: number,
    until: number,
    add: (state: UnitStateRow, time: PlaceTime) => void,
  ): Promise<void> {
    if (until <= from) return;
    const [starts, events, deltas] = await this.dataSource.manager.transaction('REPEATABLE READ', (tx) =>
      Promise.all([
        this.repository.statesAt(tx, new Date(from)),
        this.repository.events(tx, new Date(from), new Date(until)),
        this.repository.deltas(tx, new Date(from), new Date(until)),
      ]),
    );
    for (const { start, changes } of unitTimelines(starts, events, deltas)) {
      // Each change at its effective time, corrections moving theirs (ADRs 0215, 0216).
      const states = statesFromDeltas(changes, start);
      for (const { state, time } of integrateUnitStates(states, from, until)) add(state, time);
    }
  }
}
