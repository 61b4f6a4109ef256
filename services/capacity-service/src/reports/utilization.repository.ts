/** SQL of the utilisation report: each unit's states over a period, from the event history. */
import { Injectable } from '@nestjs/common';
import type { DistrictCode, ProviderType, ServiceCategoryCode } from '@plass/domain';
import type { EntityManager } from 'typeorm';

export interface UnitStateRow {
  unit_id: string;
  time: Date;
  capacity: number;
  occupied: number;
  blocked: number;
  closed: boolean;
  category: ServiceCategoryCode;
  institution_id: string;
  institution_name: string;
  provider_type: ProviderType;
  district_code: DistrictCode;
}

@Injectable()
export class UtilizationRepository {
  /**
   * Every unit's states that touch [from, to), in sequence order per unit: the state it was in when
   * the period began (its last event before `from`) and every event inside the period. Events carry
   * the resulting counts, so each row is a whole state.
   */
  async unitStates(manager: EntityManager, from: Date, to: Date): Promise<UnitStateRow[]> {
    return await manager.query<UnitStateRow[]>(
      `WITH states AS (
         (SELECT DISTINCT ON (unit_id) unit_id, sequence, time, data
            FROM occupancy_event WHERE time < $1 ORDER BY unit_id, sequence DESC)
         UNION ALL
         SELECT unit_id, sequence, time, data FROM occupancy_event WHERE time >= $1 AND time < $2
       )
       SELECT unit_id, time,
              (data->>'capacity')::int AS capacity, (data->>'occupied')::int AS occupied,
              (data->>'blocked')::int AS blocked, (data->>'closed')::boolean AS closed,
              data->>'category' AS category, data->>'institutionId' AS institution_id,
              data->>'institutionName' AS institution_name, data->>'providerType' AS provider_type,
              data->>'districtCode' AS district_code
         FROM states ORDER BY unit_id, sequence`,
      [from, to],
    );
  }
}
