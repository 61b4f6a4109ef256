/** SQL of the unit listing: the read model's state of every unit, filtered. */
import { Injectable } from '@nestjs/common';
import type { DistrictCode, ProviderType, ServiceCategoryCode } from '@plass/domain';
import type { EntityManager } from 'typeorm';
import type { UnitState } from '../projection/project';
import { unitStateFromRow, type UnitStateRow } from '../projection/unit-state-row';

export interface UnitListFilter {
  category: ServiceCategoryCode | null;
  districtCode: DistrictCode | null;
  providerType: ProviderType | null;
  onlyAvailable: boolean;
  includeClosed: boolean;
}

@Injectable()
export class UnitListRepository {
  async list(manager: EntityManager, f: UnitListFilter): Promise<UnitState[]> {
    const rows = await manager.query<UnitStateRow[]>(
      `SELECT unit_id, unit_name, institution_id, institution_name, category, provider_type, district_code,
              features, capacity, occupied, blocked, reserved, closed, sequence, last_change_kind, last_change_at
         FROM unit_state
        WHERE ($1::text IS NULL OR category = $1)
          AND ($2::text IS NULL OR district_code = $2)
          AND ($3::text IS NULL OR provider_type = $3)
          AND ($4 = false OR (NOT closed AND capacity - occupied - blocked - reserved > 0))
          AND ($5 = true OR NOT closed)
        ORDER BY institution_name, unit_name, unit_id`,
      [f.category, f.districtCode, f.providerType, f.onlyAvailable, f.includeClosed],
    );
    return rows.map(unitStateFromRow);
  }
}
