/**
 * A unit's imported rows as the changes they were, in effective-time order (ADR 0217): each change with
 * the counts it left and the next sequence, as live writes make them. Pure, so the order is tested alone.
 */
import type { OccupancyChange } from '@plass/contracts';
import type { UnitPlan } from './import-plan';

/** The counts a unit starts from: zero for a unit the import registers, the stored ones otherwise. */
export interface UnitCounts {
  capacity: number;
  occupied: number;
  blocked: number;
  reserved: number;
  sequence: number;
}

export interface TimelineStep {
  change: OccupancyChange;
  /** The unit's counts after the change, and its sequence. */
  counts: UnitCounts;
}

/**
 * At the same instant a place is freed before it is taken: capacity first, then discharges and lifted
 * blocks, then admissions and new blocks.
 */
const KIND_ORDER: Record<string, number> = { capacity: 0, discharge: 1, unblock: 2, admission: 3, block: 4 };

interface Item {
  at: Date;
  line: number;
  kind: 'capacity' | 'discharge' | 'unblock' | 'admission' | 'block';
  apply: (c: UnitCounts) => OccupancyChange;
}

/**
 * The steps of one unit's plan from `start` (ignored when the plan registers the unit: it starts empty,
 * with `registered` at its opening and the capacity of that instant). Blocks that end after `now` stay
 * open: their lifting is for the live service (expiry) to record when it comes.
 */
export function unitTimeline(plan: UnitPlan, start: UnitCounts, now: Date): TimelineStep[] {
  const steps: TimelineStep[] = [];
  let counts: UnitCounts = { ...start };
  if (plan.register) {
    counts = {
      capacity: plan.register.registrationCapacity,
      occupied: 0,
      blocked: 0,
      reserved: 0,
      sequence: 1,
    };
    steps.push({
      change: { kind: 'registered', effectiveAt: plan.register.openedAt.toISOString() },
      counts: { ...counts },
    });
  }
  const items: Item[] = [];
  for (const row of plan.capacity) {
    // The registration carries the capacity of the unit's first instant.
    if (plan.register && row.from.getTime() === plan.register.openedAt.getTime()) continue;
    items.push({
      at: row.from,
      line: row.line,
      kind: 'capacity',
      apply: (c) => {
        const places = row.capacity - c.capacity;
        c.capacity = row.capacity;
        return { kind: 'capacity', places, reason: 'capacity-change' };
      },
    });
  }
  for (const stay of plan.stays) {
    items.push({
      at: stay.admittedAt,
      line: stay.line,
      kind: 'admission',
      apply: (c) => {
        c.occupied += 1;
        return {
          kind: 'admission',
          stayId: stay.stayId,
          referringDistrictCode: stay.referringDistrictCode,
          ...(stay.plannedDischargeDate ? { plannedDischargeDate: stay.plannedDischargeDate } : {}),
        };
      },
    });
    const { dischargedAt, dischargeReason } = stay;
    if (dischargedAt && dischargeReason) {
      items.push({
        at: dischargedAt,
        line: stay.line,
        kind: 'discharge',
        apply: (c) => {
          c.occupied -= 1;
          return {
            kind: 'discharge',
            stayId: stay.stayId,
            referringDistrictCode: stay.referringDistrictCode,
            dischargeReason,
          };
        },
      });
    }
  }
  for (const block of plan.blocks) {
    items.push({
      at: block.from,
      line: block.line,
      kind: 'block',
      apply: (c) => {
        c.blocked += block.places;
        return { kind: 'block', blockId: block.blockId, places: block.places, reason: block.reason };
      },
    });
    const { to } = block;
    if (to && to.getTime() <= now.getTime()) {
      items.push({
        at: to,
        line: block.line,
        kind: 'unblock',
        apply: (c) => {
          c.blocked -= block.places;
          return { kind: 'unblock', blockId: block.blockId, places: block.places, reason: block.reason };
        },
      });
    }
  }
  items.sort(
    (a, b) => a.at.getTime() - b.at.getTime() || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.line - b.line,
  );
  for (const item of items) {
    const change = item.apply(counts);
    counts.sequence += 1;
    steps.push({ change: { ...change, effectiveAt: item.at.toISOString() }, counts: { ...counts } });
  }
  return steps;
}
