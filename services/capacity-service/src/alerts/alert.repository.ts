/** SQL of the alerts: the alert rows, their history, and what the scheduler and listener measure. */
import { Injectable } from '@nestjs/common';
import type { AlertData, AlertHistoryEntry, AlertScope, AlertTransition } from '@plass/contracts';
import {
  ALERT_SEVERITY,
  type AlertCode,
  type AlertStatus,
  type DistrictCode,
  type HousingType,
  type ServiceCategoryCode,
} from '@plass/domain';
import type { EntityManager } from 'typeorm';
import type { UnitState } from '../projection/project';
import { unitStateFromRow, type UnitStateRow } from '../projection/unit-state-row';
import type { AlertSubject, Measured } from './alert-evaluation';

interface AlertRow {
  id: string;
  code: AlertCode;
  severity: AlertData['severity'];
  status: AlertStatus;
  scope: AlertScope;
  scope_id: string;
  scope_key: string;
  scope_name: string | null;
  housing_type: HousingType | null;
  institution_id: string | null;
  district_code: DistrictCode | null;
  category: ServiceCategoryCode | null;
  rooms: string[];
  measured: Measured;
  raised_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  resolved_at: Date | null;
  version: number;
}

interface AlertEventRow {
  transition: AlertTransition;
  at: Date;
  actor: string | null;
  measured: Measured;
}

export interface AlertFilter {
  statuses: AlertStatus[];
  codes: AlertCode[];
  /** Alerts that concern this scope key (are pushed to its room); `city` concerns every alert. */
  scopeKey?: string;
  /** Alerts unresolved at some moment at or after this (resolved then or later, or still unresolved). */
  from?: Date;
  /** Alerts raised before this. */
  to?: Date;
  limit: number;
  offset?: number;
}

export interface StaysOverNorm {
  unitId: string;
  count: number;
  oldestAdmittedAt: string;
}

/** One scheduler at a time across all replicas: a transaction-scoped advisory lock on this name. */
const SCHEDULER_LOCK = 'capacity-service.alert-scheduler';

@Injectable()
export class AlertRepository {
  /** The unresolved alerts of the given codes on the given scopes, locked, in id order (no deadlocks). */
  async lockUnresolved(
    manager: EntityManager,
    codes: AlertCode[],
    scopeKeys: string[],
  ): Promise<AlertData[]> {
    if (scopeKeys.length === 0) return [];
    const rows = await manager.query<AlertRow[]>(
      `SELECT * FROM alert WHERE status <> 'resolved' AND code = ANY($1) AND scope_key = ANY($2)
        ORDER BY id FOR UPDATE`,
      [codes, scopeKeys],
    );
    return rows.map(toAlert);
  }

  async lockById(manager: EntityManager, id: string): Promise<AlertData | null> {
    const rows = await manager.query<AlertRow[]>('SELECT * FROM alert WHERE id = $1 FOR UPDATE', [id]);
    return rows[0] ? toAlert(rows[0]) : null;
  }

  /** Inserts a raised alert; null when another transaction raised the same condition first. */
  async insertRaised(
    manager: EntityManager,
    id: string,
    subject: AlertSubject,
    measured: Measured,
    at: Date,
  ): Promise<AlertData | null> {
    const rows = await manager.query<AlertRow[]>(
      `INSERT INTO alert (id, code, severity, status, scope, scope_id, scope_key, scope_name, housing_type,
         institution_id, district_code, category, rooms, measured, raised_at, version)
       VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 1)
       ON CONFLICT (code, scope_key, (coalesce(housing_type, ''))) WHERE status <> 'resolved' DO NOTHING
       RETURNING *`,
      [
        id,
        subject.code,
        ALERT_SEVERITY[subject.code],
        subject.scope,
        subject.scopeId,
        subject.scopeKey,
        subject.scopeName,
        subject.housingType,
        subject.institutionId,
        subject.districtCode,
        subject.category,
        subject.rooms,
        JSON.stringify(measured),
        at,
      ],
    );
    return rows[0] ? toAlert(rows[0]) : null;
  }

  /**
   * Gives unresolved alerts of renamed scopes their new name (ADR 0111). The stored alert changes; no
   * event goes out, since a name is no transition: the next transition carries it.
   */
  async renameScopes(manager: EntityManager, names: { scopeKey: string; name: string }[]): Promise<void> {
    if (names.length === 0) return;
    await manager.query(
      `UPDATE alert AS a SET scope_name = v.n
         FROM unnest($1::text[], $2::text[]) AS v(k, n)
        WHERE a.scope_key = v.k AND a.status <> 'resolved' AND a.scope_name IS DISTINCT FROM v.n`,
      [names.map((n) => n.scopeKey), names.map((n) => n.name)],
    );
  }

  async markResolved(manager: EntityManager, id: string, measured: Measured, at: Date): Promise<AlertData> {
    const result = await manager.query<[AlertRow[], number]>(
      `UPDATE alert SET status = 'resolved', resolved_at = $2, measured = $3, version = version + 1
        WHERE id = $1 RETURNING *`,
      [id, at, JSON.stringify(measured)],
    );
    return toAlert(updatedRow(result));
  }

  /** New measured figures of an unresolved alert whose condition still holds (ADR 0172); status unchanged. */
  async markUpdated(manager: EntityManager, id: string, measured: Measured): Promise<AlertData> {
    const result = await manager.query<[AlertRow[], number]>(
      `UPDATE alert SET measured = $2, version = version + 1 WHERE id = $1 AND status <> 'resolved' RETURNING *`,
      [id, JSON.stringify(measured)],
    );
    return toAlert(updatedRow(result));
  }

  async markAcknowledged(manager: EntityManager, id: string, actor: string, at: Date): Promise<AlertData> {
    const result = await manager.query<[AlertRow[], number]>(
      `UPDATE alert SET status = 'acknowledged', acknowledged_at = $2, acknowledged_by = $3,
         version = version + 1
        WHERE id = $1 RETURNING *`,
      [id, at, actor],
    );
    return toAlert(updatedRow(result));
  }

  async appendHistory(
    manager: EntityManager,
    entries: {
      alertId: string;
      transition: AlertTransition;
      at: Date;
      actor: string | null;
      measured: Measured;
    }[],
  ): Promise<void> {
    if (entries.length === 0) return;
    const params: unknown[] = [];
    const rows = entries.map((e) => {
      params.push(e.alertId, e.transition, e.at, e.actor, JSON.stringify(e.measured));
      const n = params.length;
      return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n}::jsonb)`;
    });
    await manager.query(
      `INSERT INTO alert_event (alert_id, transition, at, actor, measured) VALUES ${rows.join(', ')}`,
      params,
    );
  }

  /** Unresolved alerts per code and status: few rows, from the partial index on unresolved alerts. */
  async countUnresolved(
    manager: EntityManager,
  ): Promise<{ code: AlertCode; status: AlertStatus; count: number }[]> {
    return manager.query(
      `SELECT code, status, count(*)::int AS count FROM alert WHERE status <> 'resolved' GROUP BY code, status`,
    );
  }

  async find(manager: EntityManager, id: string): Promise<AlertData | null> {
    const rows = await manager.query<AlertRow[]>('SELECT * FROM alert WHERE id = $1', [id]);
    return rows[0] ? toAlert(rows[0]) : null;
  }

  async history(manager: EntityManager, id: string): Promise<AlertHistoryEntry[]> {
    const rows = await manager.query<AlertEventRow[]>(
      'SELECT transition, at, actor, measured FROM alert_event WHERE alert_id = $1 ORDER BY id',
      [id],
    );
    return rows.map((r) => ({
      transition: r.transition,
      at: r.at.toISOString(),
      actor: r.actor,
      measured: r.measured,
    }));
  }

  async list(manager: EntityManager, filter: AlertFilter): Promise<AlertData[]> {
    const params: unknown[] = [filter.statuses];
    const where = ['status = ANY($1)'];
    if (filter.codes.length > 0) {
      params.push(filter.codes);
      where.push(`code = ANY($${params.length})`);
    }
    if (filter.scopeKey && filter.scopeKey !== 'city') {
      params.push([filter.scopeKey]);
      where.push(`rooms @> $${params.length}::text[]`);
    }
    if (filter.from) {
      params.push(filter.from);
      where.push(`(resolved_at IS NULL OR resolved_at >= $${params.length})`);
    }
    if (filter.to) {
      params.push(filter.to);
      where.push(`raised_at < $${params.length}`);
    }
    params.push(filter.limit, filter.offset ?? 0);
    const rows = await manager.query<AlertRow[]>(
      `SELECT * FROM alert WHERE ${where.join(' AND ')} ORDER BY raised_at DESC, id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return rows.map(toAlert);
  }

  /** Takes the scheduler's lock for this transaction; false when another instance holds it. */
  async tryLockScheduler(manager: EntityManager): Promise<boolean> {
    const [row] = await manager.query<{ locked: boolean }[]>(
      'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
      [SCHEDULER_LOCK],
    );
    return row.locked;
  }

  /**
   * Units the scheduler has to look at: open units whose last report is older than their category's
   * limit, units with an open stay admitted before their category's cutoff, and units whose stale-report
   * or stay alert is unresolved (they may have to resolve).
   */
  async scheduleCandidates(
    manager: EntityManager,
    staleBefore: { category: ServiceCategoryCode; before: Date }[],
    admittedBefore: { category: ServiceCategoryCode; before: Date }[],
  ): Promise<string[]> {
    const rows = await manager.query<{ unit_id: string }[]>(
      `SELECT u.unit_id FROM unit_state u
         JOIN unnest($1::text[], $2::timestamptz[]) AS c(category, stale_before) ON c.category = u.category
        WHERE NOT u.closed AND u.last_change_at < c.stale_before
       UNION
       SELECT s.unit_id FROM stay s
         JOIN unit_state u ON u.unit_id = s.unit_id
         JOIN unnest($3::text[], $4::timestamptz[]) AS n(category, admitted_before) ON n.category = u.category
        WHERE s.discharged_at IS NULL AND s.admitted_at < n.admitted_before
       UNION
       SELECT scope_id::uuid FROM alert
        WHERE status <> 'resolved' AND code IN ('STALE_REPORT', 'STAY_OVER_NORM')`,
      [
        staleBefore.map((c) => c.category),
        staleBefore.map((c) => c.before),
        admittedBefore.map((c) => c.category),
        admittedBefore.map((c) => c.before),
      ],
    );
    return rows.map((r) => r.unit_id);
  }

  /**
   * Reads and locks the units' states in id order, skipping those another transaction holds (the
   * projection applying a report): the scheduler must not wait for, or decide between, a batch.
   */
  async lockUnitsSkipLocked(manager: EntityManager, unitIds: string[]): Promise<UnitState[]> {
    if (unitIds.length === 0) return [];
    const rows = await manager.query<UnitStateRow[]>(
      `SELECT * FROM unit_state WHERE unit_id = ANY($1::uuid[]) ORDER BY unit_id FOR UPDATE SKIP LOCKED`,
      [unitIds],
    );
    return rows.map(unitStateFromRow);
  }

  /**
   * Open stays admitted before their unit's cutoff, counted per unit. `excludeStayIds` are stays
   * discharged in the running batch that the stay table may not show as discharged yet.
   */
  async staysOverNorm(
    manager: EntityManager,
    units: { unitId: string; admittedBefore: Date }[],
    excludeStayIds: string[] = [],
  ): Promise<Map<string, StaysOverNorm>> {
    if (units.length === 0) return new Map();
    const rows = await manager.query<{ unit_id: string; count: number; oldest: Date }[]>(
      `SELECT s.unit_id, count(*)::int AS count, min(s.admitted_at) AS oldest
         FROM stay s JOIN unnest($1::uuid[], $2::timestamptz[]) AS c(unit_id, admitted_before)
           ON c.unit_id = s.unit_id
        WHERE s.discharged_at IS NULL AND s.admitted_at < c.admitted_before AND s.stay_id <> ALL($3::uuid[])
        GROUP BY s.unit_id`,
      [units.map((u) => u.unitId), units.map((u) => u.admittedBefore), excludeStayIds],
    );
    return new Map(
      rows.map((r) => [
        r.unit_id,
        { unitId: r.unit_id, count: r.count, oldestAdmittedAt: r.oldest.toISOString() },
      ]),
    );
  }

  /** The categories of each institution's open units. */
  async institutionCategories(
    manager: EntityManager,
    institutionIds: string[],
  ): Promise<Map<string, ServiceCategoryCode[]>> {
    if (institutionIds.length === 0) return new Map();
    const rows = await manager.query<{ institution_id: string; categories: ServiceCategoryCode[] }[]>(
      `SELECT institution_id, array_agg(DISTINCT category) AS categories FROM unit_state
        WHERE institution_id = ANY($1::uuid[]) AND NOT closed GROUP BY institution_id`,
      [institutionIds],
    );
    return new Map(rows.map((r) => [r.institution_id, r.categories]));
  }
}

/** TypeORM answers an UPDATE … RETURNING with [rows, affected]; the callers hold the row's lock. */
function updatedRow([rows]: [AlertRow[], number]): AlertRow {
  if (!rows[0]) throw new Error('the locked alert row was not updated');
  return rows[0];
}

function toAlert(r: AlertRow): AlertData {
  return {
    id: r.id,
    code: r.code,
    severity: r.severity,
    status: r.status,
    scope: r.scope,
    scopeId: r.scope_id,
    scopeKey: r.scope_key,
    scopeName: r.scope_name,
    housingType: r.housing_type,
    institutionId: r.institution_id,
    districtCode: r.district_code,
    category: r.category,
    rooms: r.rooms,
    measured: r.measured,
    raisedAt: r.raised_at.toISOString(),
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: r.acknowledged_by,
    resolvedAt: r.resolved_at?.toISOString() ?? null,
    version: r.version,
  };
}
