import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Free places and overcapacity in the scope history, each summed per unit like `scope_totals` (ADRs 0171,
 * 0192): every row gets `free_delta` and `over_capacity_delta`, the change the event made to the scope's
 * Σ max(0, available) and Σ max(0, −available). The primary key carries them for index-only scans.
 *
 * Existing rows are filled once. Per unit when its history is whole: the running sum of the unit's own
 * rows (scope `unit:<id>`) gives its counts after each event, and must add up to its state now in
 * `unit_state`; a scope row then held the unit before, after or both (its delta is −before, after or
 * after − before). A scope with any row that cannot be recomputed so (a unit whose history began after
 * the unit did, or a row that matches none of the three) is filled from its own summed counts instead:
 * free = max(0, old available), overcapacity = max(0, −old available) — the old figure, never negative.
 */
/** Fills `free_delta` and `over_capacity_delta` of every existing row (exported for its test). */
export const BACKFILL_HISTORY_FREE_PLACES = `
      WITH unit_after AS (
        SELECT unit_id, sequence, capacity_delta AS dc, occupied_delta AS doc, blocked_delta AS db,
               reserved_delta AS dr,
               sum(capacity_delta) OVER w AS c, sum(occupied_delta) OVER w AS o,
               sum(blocked_delta) OVER w AS b, sum(reserved_delta) OVER w AS r
          FROM scope_history WHERE scope_key = 'unit:' || unit_id
        WINDOW w AS (PARTITION BY unit_id ORDER BY sequence)
      ), whole AS (
        SELECT h.unit_id
          FROM (SELECT unit_id, sum(capacity_delta) AS c, sum(occupied_delta) AS o, sum(blocked_delta) AS b,
                       sum(reserved_delta) AS r
                  FROM scope_history WHERE scope_key = 'unit:' || unit_id GROUP BY unit_id) h
          JOIN unit_state u ON u.unit_id = h.unit_id
         WHERE (h.c, h.o, h.b, h.r) = (CASE WHEN u.closed THEN 0 ELSE u.capacity END,
                                      CASE WHEN u.closed THEN 0 ELSE u.occupied END,
                                      CASE WHEN u.closed THEN 0 ELSE u.blocked END,
                                      CASE WHEN u.closed THEN 0 ELSE u.reserved END)
      ), unit_step AS (
        SELECT a.*, a.c - a.o - a.b - a.r AS after_available,
               (a.c - a.dc) - (a.o - a.doc) - (a.b - a.db) - (a.r - a.dr) AS before_available
          FROM unit_after a JOIN whole USING (unit_id)
      ), membership AS (
        SELECT s.scope_key, s.at, s.unit_id, s.sequence, u.after_available, u.before_available,
               CASE WHEN (s.capacity_delta, s.occupied_delta, s.blocked_delta, s.reserved_delta)
                         = (u.dc, u.doc, u.db, u.dr) THEN 3
                    WHEN (s.capacity_delta, s.occupied_delta, s.blocked_delta, s.reserved_delta)
                         = (u.c, u.o, u.b, u.r) THEN 2
                    WHEN (s.capacity_delta, s.occupied_delta, s.blocked_delta, s.reserved_delta)
                         = (u.dc - u.c, u.doc - u.o, u.db - u.b, u.dr - u.r) THEN 1
               END AS held -- 1: before only, 2: after only, 3: both
          FROM scope_history s
          LEFT JOIN unit_step u ON u.unit_id = s.unit_id AND u.sequence = s.sequence
      ), per_unit AS (
        SELECT scope_key, at, unit_id, sequence, bool_and(held IS NOT NULL) OVER (PARTITION BY scope_key) AS ok,
               CASE WHEN held >= 2 THEN greatest(0, after_available) ELSE 0 END
                 - CASE WHEN held IN (1, 3) THEN greatest(0, before_available) ELSE 0 END AS free,
               CASE WHEN held >= 2 THEN greatest(0, -after_available) ELSE 0 END
                 - CASE WHEN held IN (1, 3) THEN greatest(0, -before_available) ELSE 0 END AS over
          FROM membership
      ), per_scope AS (
        SELECT scope_key, at, unit_id, sequence, d,
               sum(d) OVER (PARTITION BY scope_key ORDER BY at, unit_id, sequence) AS s
          FROM (SELECT scope_key, at, unit_id, sequence,
                       capacity_delta - occupied_delta - blocked_delta - reserved_delta AS d
                  FROM scope_history) x
      )
      UPDATE scope_history h
         SET free_delta = CASE WHEN p.ok THEN p.free ELSE greatest(0, f.s) - greatest(0, f.s - f.d) END,
             over_capacity_delta = CASE WHEN p.ok THEN p.over ELSE greatest(0, -f.s) - greatest(0, f.d - f.s) END
        FROM per_unit p JOIN per_scope f USING (scope_key, at, unit_id, sequence)
       WHERE (h.scope_key, h.at, h.unit_id, h.sequence) = (p.scope_key, p.at, p.unit_id, p.sequence);
`;

export class HistoryFreePlaces1767400000000 implements MigrationInterface {
  name = 'HistoryFreePlaces1767400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE scope_history ADD COLUMN free_delta int NOT NULL DEFAULT 0,
                                ADD COLUMN over_capacity_delta int NOT NULL DEFAULT 0;
      ${BACKFILL_HISTORY_FREE_PLACES}
      ALTER TABLE scope_history DROP CONSTRAINT scope_history_pkey;
      ALTER TABLE scope_history ADD PRIMARY KEY (scope_key, at, unit_id, sequence)
        INCLUDE (capacity_delta, occupied_delta, blocked_delta, reserved_delta, free_delta, over_capacity_delta);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE scope_history DROP CONSTRAINT scope_history_pkey;
      ALTER TABLE scope_history ADD PRIMARY KEY (scope_key, at, unit_id, sequence)
        INCLUDE (capacity_delta, occupied_delta, blocked_delta, reserved_delta);
      ALTER TABLE scope_history DROP COLUMN free_delta, DROP COLUMN over_capacity_delta;
    `);
  }
}
