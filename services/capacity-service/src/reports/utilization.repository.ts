/** SQL of the utilisation report: each unit's events up to the period's end, from the event history. */
import { Injectable } from '@nestjs/common';
import type { CorrectableChange, DistrictCode, ProviderType, ServiceCategoryCode } from '@plass/domain';
import type { EntityManager } from 'typeorm';

export interface UnitStateRow {
  unit_id: string;
  sequence: number;
  /** When the event took effect: `change.effectiveAt`, or its time (ADR 0215). */
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
  /** Only on a correction (ADR 0216): which change moved, from when, and the block's places. */
  corrected_of: CorrectableChange | null;
  previous_at: Date | null;
  places: number | null;
}

@Injectable()
export class UtilizationRepository {
  /**
   * Every unit's events that bear on the time before `until`, in sequence order per unit: those that took
   * effect before it, corrections that moved a change from before it, and the event before each of those
   * (its counts are what the next one changed). Events carry the resulting counts, so each row is a whole
   * state; the report applies each one's change at its effective time (`statesByEffectiveTime`).
   */
  async unitStates(manager: EntityManager, until: Date): Promise<UnitStateRow[]> {
    return await manager.query<UnitStateRow[]>(
      `SELECT unit_id, sequence::int AS sequence, effective_at AS time,
              (data->>'capacity')::int AS capacity, (data->>'occupied')::int AS occupied,
              (data->>'blocked')::int AS blocked, (data->>'closed')::boolean AS closed,
              data->>'category' AS category, data->>'institutionId' AS institution_id,
              data->>'institutionName' AS institution_name, data->>'providerType' AS provider_type,
              data->>'districtCode' AS district_code,
              data->'change'->'correction'->>'of' AS corrected_of, previous_at,
              (data->'change'->>'places')::int AS places
         FROM (SELECT unit_id, sequence, effective_at, data,
                      plass_offset_instant(data->'change'->'correction'->>'previousEffectiveAt') AS previous_at,
                      lead(effective_at) OVER (PARTITION BY unit_id ORDER BY sequence) AS next_at
                 FROM occupancy_event) e
        WHERE effective_at < $1 OR next_at < $1 OR previous_at < $1
        ORDER BY unit_id, sequence`,
      [until],
    );
  }
}
