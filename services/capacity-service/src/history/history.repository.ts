/** SQL of the scope history: appending changes and summing them into a series of states. */
import { Injectable } from '@nestjs/common';
import type { PlaceCounts } from '@plass/domain';
import type { EntityManager } from 'typeorm';
import type { ScopeChange } from './scope-changes';

export interface SeriesRow extends PlaceCounts {
  /** Σ max(0, available) and Σ max(0, −available) per unit at the end of the step (ADRs 0171, 0192). */
  free: number;
  overCapacity: number;
  start: Date;
  end: Date;
  /** False for a step that ended before the scope's first recorded change: its counts mean nothing. */
  known: boolean;
}

@Injectable()
export class HistoryRepository {
  /**
   * Appends changes; a change already kept (same scope, time, unit and sequence: the primary key, ADR
   * 0050; a correction keeps two per scope, at its old and its new time, ADR 0216) is ignored. One statement with one array per column: a batch makes about six
   * changes per event, and as a VALUES list with a parameter per column a row that was the second-slowest
   * part of a drain.
   */
  async append(manager: EntityManager, changes: ScopeChange[]): Promise<void> {
    if (changes.length === 0) return;
    await manager.query(
      `INSERT INTO scope_history (scope_key, unit_id, sequence, at, version,
         capacity_delta, occupied_delta, blocked_delta, reserved_delta, free_delta, over_capacity_delta)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::bigint[], $4::timestamptz[], $5::bigint[],
         $6::int[], $7::int[], $8::int[], $9::int[], $10::int[], $11::int[])
       ON CONFLICT (scope_key, at, unit_id, sequence) DO NOTHING`,
      [
        changes.map((c) => c.scopeKey),
        changes.map((c) => c.unitId),
        changes.map((c) => c.sequence),
        changes.map((c) => c.at),
        changes.map((c) => c.version),
        changes.map((c) => c.delta.capacity),
        changes.map((c) => c.delta.occupied),
        changes.map((c) => c.delta.blocked),
        changes.map((c) => c.delta.reserved),
        changes.map((c) => c.delta.free),
        changes.map((c) => c.delta.overCapacity),
      ],
    );
  }

  /**
   * The scope's state at the end of each step: everything before the first step, plus the changes
   * of every step up to and including this one (a running sum, so a quiet step carries the last state).
   * A step that ended before the scope's first change at all is not known (ADR 0186): its sum is 0 only
   * because nothing was recorded, not because no place was free.
   */
  async series(manager: EntityManager, scopeKey: string, steps: { start: number; end: number }[]) {
    const starts = steps.map((s) => new Date(s.start).toISOString());
    const ends = steps.map((s) => new Date(s.end).toISOString());
    return await manager.query<SeriesRow[]>(
      `WITH steps AS (
         SELECT i, start, "end" FROM unnest($2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS s(start, "end", i)
       ),
       base AS (
         SELECT COALESCE(SUM(capacity_delta), 0) AS c, COALESCE(SUM(occupied_delta), 0) AS o,
                COALESCE(SUM(blocked_delta), 0) AS b, COALESCE(SUM(reserved_delta), 0) AS r,
                COALESCE(SUM(free_delta), 0) AS f, COALESCE(SUM(over_capacity_delta), 0) AS x
           FROM scope_history WHERE scope_key = $1 AND at < ($2::timestamptz[])[1]
       ),
       first AS (SELECT min(at) AS at FROM scope_history WHERE scope_key = $1),
       changes AS (
         SELECT width_bucket(at, $2::timestamptz[]) AS i, SUM(capacity_delta) AS c, SUM(occupied_delta) AS o,
                SUM(blocked_delta) AS b, SUM(reserved_delta) AS r, SUM(free_delta) AS f,
                SUM(over_capacity_delta) AS x
           FROM scope_history
          WHERE scope_key = $1 AND at >= ($2::timestamptz[])[1] AND at < $4::timestamptz
          GROUP BY 1
       )
       SELECT s.start, s."end", COALESCE(first.at < s."end", false) AS known,
              (base.c + COALESCE(SUM(ch.c) OVER w, 0))::int AS capacity,
              (base.o + COALESCE(SUM(ch.o) OVER w, 0))::int AS occupied,
              (base.b + COALESCE(SUM(ch.b) OVER w, 0))::int AS blocked,
              (base.r + COALESCE(SUM(ch.r) OVER w, 0))::int AS reserved,
              (base.f + COALESCE(SUM(ch.f) OVER w, 0))::int AS free,
              (base.x + COALESCE(SUM(ch.x) OVER w, 0))::int AS "overCapacity"
         FROM steps s CROSS JOIN base CROSS JOIN first LEFT JOIN changes ch ON ch.i = s.i
       WINDOW w AS (ORDER BY s.i)
        ORDER BY s.i`,
      [scopeKey, starts, ends, ends[ends.length - 1]],
    );
  }
}
