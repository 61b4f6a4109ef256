/** Compares the read model's units with the source's and prints the differences as a table. */

/** The fields of a unit that the read model must agree on with the source. */
export interface UnitView {
  id: string;
  name: string;
  institutionName: string;
  capacity: number;
  occupied: number;
  blocked: number;
  reserved: number;
  closed: boolean;
  sequence: number;
}

export const COMPARED_FIELDS = ['sequence', 'capacity', 'occupied', 'blocked', 'reserved', 'closed'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface Drift {
  unitId: string;
  unit: string;
  institution: string;
  /** `missing` rows have no field: the unit is absent on one side. */
  field: ComparedField | 'unit';
  readModel: string;
  source: string;
}

export function compareUnits(readModel: UnitView[], source: UnitView[]): Drift[] {
  const model = new Map(readModel.map((u) => [u.id, u]));
  const truth = new Map(source.map((u) => [u.id, u]));
  const drift: Drift[] = [];
  for (const s of source) {
    const m = model.get(s.id);
    if (!m) {
      drift.push({
        unitId: s.id,
        unit: s.name,
        institution: s.institutionName,
        field: 'unit',
        readModel: 'missing',
        source: `sequence ${s.sequence}`,
      });
      continue;
    }
    for (const field of COMPARED_FIELDS) {
      if (m[field] !== s[field]) {
        drift.push({
          unitId: s.id,
          unit: s.name,
          institution: s.institutionName,
          field,
          readModel: String(m[field]),
          source: String(s[field]),
        });
      }
    }
  }
  for (const m of readModel) {
    if (!truth.has(m.id)) {
      drift.push({
        unitId: m.id,
        unit: m.name,
        institution: m.institutionName,
        field: 'unit',
        readModel: `sequence ${m.sequence}`,
        source: 'missing',
      });
    }
  }
  return drift.sort(
    (a, b) => a.institution.localeCompare(b.institution, 'nb') || a.unit.localeCompare(b.unit, 'nb'),
  );
}

/** A plain-text table with a header row and columns padded to their widest cell. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatDrift(drift: Drift[]): string {
  return formatTable(
    ['institution', 'unit', 'unit id', 'field', 'read model', 'source'],
    drift.map((d) => [d.institution, d.unit, d.unitId, d.field, d.readModel, d.source]),
  );
}

/** A scope's totals: the city (`city`) or a category (`category:<code>`). */
export interface TotalsView {
  key: string;
  capacity: number;
  occupied: number;
  blocked: number;
  reserved: number;
  /** Free places: Σ max(0, available) per open unit (ADR 0171); compared when both sides have it. */
  available?: number;
}

const TOTAL_FIELDS = ['capacity', 'occupied', 'blocked', 'reserved'] as const;
type TotalField = (typeof TOTAL_FIELDS)[number] | 'available';

/** The city's and each category's totals as the source's open units add up. */
export function sourceTotals(units: (UnitView & { category: string })[]): TotalsView[] {
  const totals = new Map<string, TotalsView>();
  const add = (key: string, u: UnitView) => {
    const t = totals.get(key) ?? { key, capacity: 0, occupied: 0, blocked: 0, reserved: 0, available: 0 };
    for (const f of TOTAL_FIELDS) t[f] += u[f];
    // Per unit: a unit over capacity takes no free place from another (ADR 0171).
    t.available = (t.available ?? 0) + Math.max(0, u.capacity - u.occupied - u.blocked - u.reserved);
    totals.set(key, t);
  };
  for (const u of units.filter((unit) => !unit.closed)) {
    add('city', u);
    add(`category:${u.category}`, u);
  }
  return [...totals.values()];
}

export interface TotalsDrift {
  key: string;
  field: TotalField;
  readModel: number;
  source: number;
}

/** Differences between scope totals; a scope absent on one side counts as zero there. */
export function compareTotals(readModel: TotalsView[], source: TotalsView[]): TotalsDrift[] {
  const zero = (key: string): TotalsView => ({ key, capacity: 0, occupied: 0, blocked: 0, reserved: 0 });
  const model = new Map(readModel.map((t) => [t.key, t]));
  const truth = new Map(source.map((t) => [t.key, t]));
  const keys = [...new Set([...model.keys(), ...truth.keys()])].sort();
  return keys.flatMap((key) => {
    const m = model.get(key) ?? zero(key);
    const s = truth.get(key) ?? zero(key);
    // Free places only where the read model gives them (a summary from before ADR 0171 does not).
    const fields: TotalField[] =
      m.available === undefined ? [...TOTAL_FIELDS] : [...TOTAL_FIELDS, 'available'];
    const value = (t: TotalsView, f: TotalField) => (f === 'available' ? (t.available ?? 0) : t[f]);
    return fields
      .filter((f) => value(m, f) !== value(s, f))
      .map((field) => ({ key, field, readModel: value(m, field), source: value(s, field) }));
  });
}

export function formatTotalsDrift(drift: TotalsDrift[]): string {
  return formatTable(
    ['scope', 'field', 'read model', 'source'],
    drift.map((d) => [d.key, d.field, String(d.readModel), String(d.source)]),
  );
}
