/** Keeps the `stay` table from admission and discharge events, inside the projection's transaction. */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AppliedBatch, ProjectionListener } from '../projection/projection-listeners';

@Injectable()
export class StaysListener implements ProjectionListener {
  readonly name = 'stays';

  /**
   * Two statements per batch whatever its size (one per event made this the slowest part of a drain):
   * the admissions first, then the discharges, so a stay admitted and discharged in one batch ends
   * discharged, as it would event by event.
   */
  async onApplied(manager: EntityManager, batch: AppliedBatch): Promise<void> {
    const admissions: unknown[][] = [[], [], [], [], [], [], [], [], []];
    const discharges: unknown[][] = [[], [], []];
    for (const event of batch.events) {
      const { change, unitId, institutionId, category, providerType, districtCode } = event.data;
      if (!change.stayId) continue;
      if (change.kind === 'admission') {
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
        ].forEach((value, i) => admissions[i].push(value));
      } else if (change.kind === 'discharge') {
        [change.stayId, event.time, change.dischargeReason ?? 'other'].forEach((value, i) =>
          discharges[i].push(value),
        );
      }
    }
    if (admissions[0].length > 0) {
      await manager.query(
        `INSERT INTO stay (stay_id, unit_id, institution_id, category, provider_type, district_code,
           referring_district_code, admitted_at, planned_discharge_date)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[],
           $7::text[], $8::timestamptz[], $9::date[])
         ON CONFLICT (stay_id) DO NOTHING`,
        admissions,
      );
    }
    if (discharges[0].length > 0) {
      await manager.query(
        `UPDATE stay SET discharged_at = d.at, discharge_reason = d.reason
           FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS d(stay_id, at, reason)
          WHERE stay.stay_id = d.stay_id AND stay.discharged_at IS NULL`,
        discharges,
      );
    }
  }
}
