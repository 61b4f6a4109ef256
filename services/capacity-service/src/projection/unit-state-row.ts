/** The one mapping of a `unit_state` row (as `SELECT *` returns it) to the projection's `UnitState`. */
import type { UnitState } from './project';

export interface UnitStateRow {
  unit_id: string;
  unit_name: string;
  institution_id: string;
  institution_name: string;
  category: UnitState['category'];
  provider_type: UnitState['providerType'];
  district_code: UnitState['districtCode'];
  /** text[]: pg returns it as an array. */
  features: UnitState['features'];
  capacity: number;
  occupied: number;
  blocked: number;
  reserved: number;
  closed: boolean;
  /** bigint: pg returns it as a string. */
  sequence: string;
  last_change_kind: UnitState['lastChangeKind'];
  last_change_at: Date;
}

export function unitStateFromRow(r: UnitStateRow): UnitState {
  return {
    unitId: r.unit_id,
    unitName: r.unit_name,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    category: r.category,
    providerType: r.provider_type,
    districtCode: r.district_code,
    features: r.features,
    capacity: r.capacity,
    occupied: r.occupied,
    blocked: r.blocked,
    reserved: r.reserved,
    closed: r.closed,
    sequence: Number(r.sequence),
    lastChangeKind: r.last_change_kind,
    lastChangeAt: r.last_change_at.toISOString(),
  };
}
