/** Keeps the `stay` table from admission and discharge events, inside the projection's transaction. */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ProjectionListeners,
  type AppliedBatch,
  type ProjectionListener,
} from '../projection/projection-listeners';

@Injectable()
export class StaysListener implements ProjectionListener, OnModuleInit {
  readonly name = 'stays';

  constructor(@Inject(ProjectionListeners) private readonly listeners: ProjectionListeners) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async onApplied(manager: EntityManager, batch: AppliedBatch): Promise<void> {
    for (const event of batch.events) {
      const { change, unitId, institutionId, category, providerType, districtCode } = event.data;
      if (!change.stayId) continue;
      if (change.kind === 'admission') {
        await manager.query(
          `INSERT INTO stay (stay_id, unit_id, institution_id, category, provider_type, district_code,
             referring_district_code, admitted_at, planned_discharge_date)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (stay_id) DO NOTHING`,
          [
            change.stayId,
            unitId,
            institutionId,
            category,
            providerType,
            districtCode,
            change.referringDistrictCode ?? 'utenbys',
            event.time,
            change.plannedDischargeDate ?? null,
          ],
        );
      } else if (change.kind === 'discharge') {
        await manager.query(
          `UPDATE stay SET discharged_at = $2, discharge_reason = $3 WHERE stay_id = $1 AND discharged_at IS NULL`,
          [change.stayId, event.time, change.dischargeReason ?? 'other'],
        );
      }
    }
  }
}
