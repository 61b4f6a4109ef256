/** The only access to `audit_entry`: append one entry, list with filters, purge what is past retention. */
import { Inject, Injectable } from '@nestjs/common';
import type { AuditEntry } from '@plass/contracts';
import { DataSource } from 'typeorm';
import type { AuditRecord } from './audit-record';
import { AUDIT_RETENTION_SETTING } from './audit-table';

export interface AuditFilter {
  /** Inclusive, ms since the epoch. */
  from?: number;
  /** Exclusive, ms since the epoch. */
  to?: number;
  actor?: string;
  /** Part of the target, compared without regard to letter case. */
  target?: string;
  limit: number;
}

interface AuditRow {
  id: string;
  at: Date;
  actor: string | null;
  role: string | null;
  action: string;
  target: string | null;
  outcome: AuditEntry['outcome'];
  status: number;
  correlation_id: string | null;
}

/** One lock name for the purge in every service's database: one replica purges at a time. */
const PURGE_LOCK = 'audit-retention-purge';

@Injectable()
export class AuditRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async append(record: AuditRecord): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO audit_entry (actor, role, action, target, outcome, status, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        record.actor,
        record.role,
        record.action,
        record.target,
        record.outcome,
        record.status,
        record.correlationId,
      ],
    );
  }

  async list(filter: AuditFilter): Promise<AuditEntry[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (condition: (placeholder: string) => string, value: unknown) => {
      values.push(value);
      where.push(condition(`$${values.length}`));
    };
    if (filter.from !== undefined) add((p) => `at >= ${p}`, new Date(filter.from));
    if (filter.to !== undefined) add((p) => `at < ${p}`, new Date(filter.to));
    if (filter.actor !== undefined) add((p) => `actor = ${p}`, filter.actor);
    if (filter.target !== undefined) add((p) => `strpos(lower(target), lower(${p})) > 0`, filter.target);
    values.push(filter.limit);
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT id, at, actor, role, action, target, outcome, status, correlation_id
         FROM audit_entry ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY at DESC, id
        LIMIT $${values.length}`,
      values,
    );
    return rows.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: row.actor,
      role: row.role,
      action: row.action,
      target: row.target,
      outcome: row.outcome,
      status: row.status,
      correlationId: row.correlation_id,
    }));
  }

  /**
   * Deletes the entries older than `retentionDays`, unless another replica is purging right now (then
   * null). The transaction names the retention for the append-only trigger, which refuses any younger row.
   */
  async purge(retentionDays: number): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>(
        'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
        [PURGE_LOCK],
      );
      if (!locked) return null;
      await manager.query('SELECT set_config($1, $2, true)', [
        AUDIT_RETENTION_SETTING,
        String(retentionDays),
      ]);
      const [{ deleted }] = await manager.query<{ deleted: number }[]>(
        `WITH gone AS (DELETE FROM audit_entry WHERE at < now() - make_interval(days => $1) RETURNING 1)
         SELECT count(*)::int AS deleted FROM gone`,
        [retentionDays],
      );
      return deleted;
    });
  }
}
