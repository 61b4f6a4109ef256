/**
 * Small-number suppression of a computed report (ADRs 0223, 0224). A report describes its counts of people
 * or stays as a `CountTable`: the cells, the sums a reader can check (total = Σ parts) and the values that
 * follow a count (a share, a percentile, a copy). `suppressCounts` then decides which cells to hide:
 * every count from 1 to threshold − 1 (primary), and more counts until no hidden one can be worked out
 * from the visible ones and the sums (secondary). `applySuppression` writes null into the report and
 * names the hidden fields in each row's `suppressed`.
 */

/** A cell of the table: a count in the report, or a total a reader can add up that the report does not hold. */
export interface CountCell {
  readonly index: number;
  readonly value: number;
  /** The object in the report that holds the count, and the path to it; none for a virtual total. */
  readonly row: object | null;
  readonly path: readonly string[];
  /** Known to the reader anyway (their own district's figures): never hidden, and counted as visible. */
  readonly known: boolean;
}

/** total = Σ parts, as a reader can add them up. */
export interface CountSum {
  readonly total: CountCell;
  readonly parts: readonly CountCell[];
}

/** A value in the report hidden whenever any of the counts it is computed from is hidden. */
interface Dependent {
  readonly row: object;
  readonly path: readonly string[];
  readonly of: readonly CountCell[];
}

export class CountTable {
  readonly cells: CountCell[] = [];
  readonly sums: CountSum[] = [];
  readonly dependents: Dependent[] = [];

  /** The count at `row[path[0]][path[1]]…`; `known` when the reader knows it anyway. */
  count(row: object, path: string | readonly string[], options: { known?: boolean } = {}): CountCell {
    const steps = typeof path === 'string' ? [path] : path;
    const value = valueAt(row, steps);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new Error(`suppression: ${steps.join('.')} is not a count (${String(value)})`);
    }
    return this.add({ value, row, path: steps, known: options.known ?? false });
  }

  /** The same count field of every row: one line covers a new list of counts. */
  counts(rows: readonly object[], path: string | readonly string[]): CountCell[] {
    return rows.map((row) => this.count(row, path));
  }

  /** A total the report does not hold but a reader can add up (the period's admissions from the days). */
  virtual(value: number): CountCell {
    return this.add({ value, row: null, path: [], known: false });
  }

  /** Records total = Σ parts; returns the total, so a sum can be a part of another. */
  sum(total: CountCell, parts: readonly CountCell[]): CountCell {
    this.sums.push({ total, parts });
    return total;
  }

  /** A value (share, percentile, copy of a count) hidden whenever one of `of` is. */
  dependent(row: object, path: string | readonly string[], of: readonly CountCell[]): void {
    this.dependents.push({ row, path: typeof path === 'string' ? [path] : path, of });
  }

  private add(cell: Omit<CountCell, 'index'>): CountCell {
    const added = { ...cell, index: this.cells.length };
    this.cells.push(added);
    return added;
  }
}

function valueAt(row: object, path: readonly string[]): unknown {
  let value: unknown = row;
  for (const step of path) value = (value as Record<string, unknown> | undefined)?.[step];
  return value;
}

/** A count is small, and hidden first, when 0 < value < threshold; 0 is never hidden (ADR 0223). */
export const isSmall = (value: number, threshold: number) => value > 0 && value < threshold;

/**
 * The cells to hide: the small ones, then, until every sum and the audit are satisfied, the smallest
 * non-zero visible part of a sum that would give a hidden cell away (or its total when it has none).
 */
export function suppressCounts(table: CountTable, threshold: number): Set<number> {
  const hidden = new Set<number>();
  for (const c of table.cells) if (!c.known && isSmall(c.value, threshold)) hidden.add(c.index);
  if (hidden.size === 0) return hidden;
  for (;;) {
    let changed = false;
    for (const sum of table.sums) {
      const cells = [sum.total, ...sum.parts];
      const inSum = cells.filter((c) => hidden.has(c.index));
      if (inSum.length === 0) continue;
      // One hidden cell is the total minus the rest; hidden parts that are all 1 are pinned by the total.
      const pinned =
        inSum.length === 1 || (!hidden.has(sum.total.index) && inSum.every((c) => c.value === 1));
      if (pinned) {
        const next = nextToHide(sum, hidden);
        if (next) {
          hidden.add(next.index);
          changed = true;
        }
      }
    }
    if (changed) continue;
    const derivable = auditSuppression(table, hidden);
    if (derivable.length === 0) return hidden;
    const next = hideNear(table, hidden, derivable[0]);
    if (!next) return hidden;
    hidden.add(next.index);
  }
}

/** The smallest non-zero visible part of a sum (the first of equals), else its total when non-zero. */
function nextToHide(sum: CountSum, hidden: Set<number>): CountCell | undefined {
  const visible = (c: CountCell) => !hidden.has(c.index) && !c.known && c.value > 0;
  const part = sum.parts.filter(visible).sort((a, b) => a.value - b.value)[0];
  return part ?? (visible(sum.total) ? sum.total : undefined);
}

/** For a cell the audit can work out: the nearest sum (through hidden cells) with a cell left to hide. */
function hideNear(table: CountTable, hidden: Set<number>, start: number): CountCell | undefined {
  const seen = new Set([start]);
  let frontier = [start];
  while (frontier.length > 0) {
    const reached: number[] = [];
    for (const sum of table.sums) {
      const cells = [sum.total, ...sum.parts];
      if (!cells.some((c) => frontier.includes(c.index))) continue;
      const next = nextToHide(sum, hidden);
      if (next) return next;
      for (const c of cells) {
        if (hidden.has(c.index) && !seen.has(c.index)) {
          seen.add(c.index);
          reached.push(c.index);
        }
      }
    }
    frontier = reached;
  }
  return undefined;
}

const EPSILON = 1e-9;

/**
 * The hidden cells a reader can work out from the visible cells and the sums, knowing that a hidden count
 * is at least 1 (0 is never hidden). The true counts x are one solution of the sums; another one is x + d
 * for a move d that keeps every sum (A·d = 0) and lowers no hidden 1 (d ≥ 0 where x = 1). A hidden cell
 * is recoverable when no such move changes it: a hidden 1 that no move raises (one linear programme finds
 * every 1 some move raises), and any other cell that every move keeping those 1s at 1 leaves alone
 * (Gauss–Jordan elimination). Cell indices, ascending.
 */
export function auditSuppression(table: CountTable, hidden: ReadonlySet<number>): number[] {
  const unknowns = [...hidden].sort((a, b) => a - b);
  const column = new Map(unknowns.map((cell, i) => [cell, i]));
  // Each sum as Σ a·d = 0 over the hidden cells: +1 for the total, −1 for each part.
  const equations = table.sums
    .map((sum) => {
      const coefficients = new Map<number, number>();
      const term = (c: CountCell, a: number) => {
        const j = column.get(c.index);
        if (j !== undefined) coefficients.set(j, (coefficients.get(j) ?? 0) + a);
      };
      term(sum.total, 1);
      for (const p of sum.parts) term(p, -1);
      return { coefficients, constant: 0 };
    })
    .filter((e) => [...e.coefficients.values()].some((a) => Math.abs(a) > EPSILON));
  const ones = unknowns.flatMap((cell, j) => (table.cells[cell].value === 1 ? [j] : []));
  const raised = raisedOnes(equations, unknowns.length, ones);
  const stuck = ones.filter((j) => !raised.has(j));
  const atOne = stuck.map((j) => ({ coefficients: new Map([[j, 1]]), constant: 0 }));
  const fixed = new Set([...stuck, ...eliminate([...equations, ...atOne], unknowns.length).fixed]);
  return [...fixed].sort((a, b) => a - b).map((j) => unknowns[j]);
}

interface Equation {
  coefficients: Map<number, number>;
  constant: number;
}

/** The cells fixed by the equations: every solution gives them the same value (no free cell moves them). */
function eliminate(equations: Equation[], n: number): { fixed: number[] } {
  const m = equations.map((e) => {
    const dense = new Array<number>(n + 1).fill(0);
    for (const [j, a] of e.coefficients) dense[j] = a;
    dense[n] = e.constant;
    return dense;
  });
  const pivots: number[] = [];
  let rank = 0;
  for (let col = 0; col < n && rank < m.length; col++) {
    let best = rank;
    for (let i = rank + 1; i < m.length; i++) if (Math.abs(m[i][col]) > Math.abs(m[best][col])) best = i;
    if (Math.abs(m[best][col]) < EPSILON) continue;
    [m[rank], m[best]] = [m[best], m[rank]];
    const pivot = m[rank][col];
    for (let j = col; j <= n; j++) m[rank][j] /= pivot;
    for (let i = 0; i < m.length; i++) {
      if (i === rank || Math.abs(m[i][col]) < EPSILON) continue;
      const f = m[i][col];
      for (let j = col; j <= n; j++) m[i][j] -= f * m[rank][j];
    }
    pivots.push(col);
    rank++;
  }
  const free = new Set(Array.from({ length: n }, (_, j) => j));
  for (const p of pivots) free.delete(p);
  return { fixed: pivots.filter((_pivot, i) => [...free].every((f) => Math.abs(m[i][f]) < EPSILON)) };
}

/**
 * The hidden 1s (`ones`) that some move d raises: max Σ t_k with t_k ≤ 1 and t_k ≤ d_k, over A·d = 0 and
 * d ≥ 0 on the 1s. The moves form a cone, so the optimum raises every 1 that any move raises to t_k = 1.
 */
function raisedOnes(equations: Equation[], n: number, ones: number[]): Set<number> {
  if (ones.length === 0) return new Set();
  const isOne = new Set(ones);
  // Variables: d_j = up_j − down_j (down only where d may be negative), then t_k for each 1.
  const up = Array.from({ length: n }, (_, j) => j);
  const down = new Map<number, number>();
  for (let j = 0; j < n; j++) if (!isOne.has(j)) down.set(j, n + down.size);
  const t = new Map(ones.map((k, i) => [k, n + down.size + i]));
  const width = n + down.size + ones.length;
  const rows: number[][] = [];
  const bounds: number[] = [];
  const constraint = (terms: [number, number][], bound: number) => {
    const row = new Array<number>(width).fill(0);
    for (const [v, a] of terms) row[v] += a;
    rows.push(row);
    bounds.push(bound);
  };
  for (const { coefficients } of equations) {
    const terms = [...coefficients].flatMap(([j, a]): [number, number][] => {
      const d = down.get(j);
      return d === undefined
        ? [[up[j], a]]
        : [
            [up[j], a],
            [d, -a],
          ];
    });
    constraint(terms, 0);
    constraint(
      terms.map(([v, a]) => [v, -a]),
      0,
    );
  }
  for (const [k, v] of t) {
    constraint([[v, 1]], 1);
    constraint(
      [
        [v, 1],
        [up[k], -1],
      ],
      0,
    );
  }
  const objective = new Array<number>(width).fill(0);
  for (const v of t.values()) objective[v] = 1;
  const x = maximize(rows, bounds, objective);
  return new Set(ones.filter((k) => x[t.get(k) as number] > 0.5));
}

/**
 * max c·x over A·x ≤ b, x ≥ 0, with b ≥ 0 so that the origin is a start: the simplex method on a dense
 * tableau, with Bland's rule (lowest index enters and leaves) so that the many degenerate pivots never cycle.
 */
function maximize(a: number[][], b: number[], c: number[]): number[] {
  const n = c.length;
  const width = n + a.length;
  const tableau = a.map((row, i) => [...row, ...a.map((_, k) => (k === i ? 1 : 0)), b[i]]);
  const cost = [...c.map((v) => -v), ...a.map(() => 0), 0];
  const basis = a.map((_, i) => n + i);
  for (;;) {
    const enter = cost.findIndex((v, j) => j < width && v < -EPSILON);
    if (enter < 0) break;
    let leave = -1;
    for (let i = 0; i < tableau.length; i++) {
      if (tableau[i][enter] <= EPSILON) continue;
      if (leave < 0) {
        leave = i;
        continue;
      }
      const ratio = tableau[i][width] / tableau[i][enter];
      const best = tableau[leave][width] / tableau[leave][enter];
      if (ratio < best - EPSILON || (ratio <= best + EPSILON && basis[i] < basis[leave])) leave = i;
    }
    if (leave < 0) throw new Error('suppression: the audit programme is unbounded');
    const pivot = tableau[leave][enter];
    for (let j = 0; j <= width; j++) tableau[leave][j] /= pivot;
    for (const row of [...tableau.filter((_, i) => i !== leave), cost]) {
      const f = row[enter];
      if (Math.abs(f) < EPSILON) continue;
      for (let j = 0; j <= width; j++) row[j] -= f * tableau[leave][j];
    }
    basis[leave] = enter;
  }
  const x = new Array<number>(n).fill(0);
  basis.forEach((v, i) => {
    if (v < n) x[v] = tableau[i][width];
  });
  return x;
}

/** The threshold an answer was suppressed with, or null when its figures are exact. */
export type Suppression = { threshold: number } | null;

/**
 * Writes null over every hidden cell and dependent value of `report` (rows of the table must be objects
 * inside it) and names them in their row's `suppressed`. Returns the hidden cell count.
 */
export function applySuppression(table: CountTable, threshold: number): number {
  const hidden = suppressCounts(table, threshold);
  const hide = (row: object, path: readonly string[]) => {
    let target = row as Record<string, unknown>;
    for (const step of path.slice(0, -1)) target = target[step] as Record<string, unknown>;
    target[path[path.length - 1]] = null;
    const named = row as { suppressed?: string[] };
    const field = path.join('.');
    named.suppressed = [...(named.suppressed ?? []), field];
  };
  for (const c of table.cells) if (hidden.has(c.index) && c.row) hide(c.row, c.path);
  for (const d of table.dependents) if (d.of.some((c) => hidden.has(c.index))) hide(d.row, d.path);
  return hidden.size;
}
