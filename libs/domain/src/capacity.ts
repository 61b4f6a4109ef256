/** Pure capacity maths: available places, occupancy rate and totals that add up across scopes. */
export interface PlaceCounts {
  readonly capacity: number;
  readonly occupied: number;
  readonly blocked: number;
  readonly reserved: number;
}

export interface CapacityTotals extends PlaceCounts {
  readonly available: number;
  /** occupied / (capacity − blocked); null when no place is usable. */
  readonly occupancyRate: number | null;
}

export const ZERO_COUNTS: PlaceCounts = { capacity: 0, occupied: 0, blocked: 0, reserved: 0 };

/** available = capacity − occupied − blocked − reserved; negative means overcapacity. */
export function availablePlaces(c: PlaceCounts): number {
  return c.capacity - c.occupied - c.blocked - c.reserved;
}

export function occupancyRate(c: PlaceCounts): number | null {
  const usable = c.capacity - c.blocked;
  return usable > 0 ? c.occupied / usable : null;
}

export function isOverCapacity(c: PlaceCounts): boolean {
  return c.occupied > c.capacity - c.blocked;
}

export function withTotals(c: PlaceCounts): CapacityTotals {
  return {
    capacity: c.capacity,
    occupied: c.occupied,
    blocked: c.blocked,
    reserved: c.reserved,
    available: availablePlaces(c),
    occupancyRate: occupancyRate(c),
  };
}

export function addCounts(a: PlaceCounts, b: PlaceCounts): PlaceCounts {
  return {
    capacity: a.capacity + b.capacity,
    occupied: a.occupied + b.occupied,
    blocked: a.blocked + b.blocked,
    reserved: a.reserved + b.reserved,
  };
}

export function subtractCounts(a: PlaceCounts, b: PlaceCounts): PlaceCounts {
  return {
    capacity: a.capacity - b.capacity,
    occupied: a.occupied - b.occupied,
    blocked: a.blocked - b.blocked,
    reserved: a.reserved - b.reserved,
  };
}

export function isZeroCounts(c: PlaceCounts): boolean {
  return c.capacity === 0 && c.occupied === 0 && c.blocked === 0 && c.reserved === 0;
}
