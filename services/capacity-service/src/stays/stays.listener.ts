/** Keeps the `stay` table from admission and discharge events, inside the projection's transaction. */
import { Injectable } from '@nestjs/common';
import type { UnitOccupancyChangedEvent } from '@plass/contracts';
import type { EntityManager } from 'typeorm';
import type { AppliedBatch, ProjectionListener } from '../projection/projection-listeners';

/** When the change took effect (ADR 0215): `effectiveAt`, or the event's time when it carries none. */
export const effectiveTime = (event: UnitOccupancyChangedEvent): string =>
  event.data.change.effectiveAt ?? event.time;

@Injectable()
export class StaysListener implements ProjectionListener {
  readonly name = 'stays';

  /**
   * Three statements per batch whatever its size (one per event made this the slowest part of a drain):
   * the admissions first, then the discharges, then the corrections of either (ADR 0216), so a stay
   * admitted, discharged and corrected in one batch ends as it would event by event. Times are effective
   * times (ADR 0215); a stay is keyed by its id, so the order in which effective times arrive does not matter.
   */
  async onApplied(manager: EntityManager, batch: AppliedBatch): Promise<void> {
    const admissions: unknown[][] = [[], [], [], [], [], [], [], [], []];
    const discharges: unknown[][] = [[], [], []];
    // Per stay, the last correction of its admission and of its discharge in the batch (sequence order).
    const corrections = new Map<string, { admittedAt: string | null; dischargedAt: string | null }>();
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
          effectiveTime(event),
          change.plannedDischargeDate ?? null,
        ].forEach((value, i) => admissions[i].push(value));
      } else if (change.kind === 'discharge') {
        [change.stayId, effectiveTime(event), change.dischargeReason ?? 'other'].forEach((value, i) =>
          discharges[i].push(value),
        );
      } else if (
        change.kind === 'corrected' &&
        (change.correction?.of === 'admission' || change.correction?.of === 'discharge')
      ) {
        const entry = corrections.get(change.stayId) ?? { admittedAt: null, dischargedAt: null };
        if (change.correction.of === 'admission') entry.admittedAt = effectiveTime(event);
        else entry.dischargedAt = effectiveTime(event);
        corrections.set(change.stayId, entry);
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
    if (corrections.size > 0) {
      const list = [...corrections.entries()];
      // One row per stay (an UPDATE … FROM applies only one row per target). A discharge's correction
      // moves only a discharged stay's end; an admission's, its beginning.
      await manager.query(
        `UPDATE stay SET admitted_at = COALESCE(c.admitted_at, stay.admitted_at),
                discharged_at = CASE WHEN stay.discharged_at IS NULL THEN NULL
                                     ELSE COALESCE(c.discharged_at, stay.discharged_at) END
           FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS c(stay_id, admitted_at, discharged_at)
          WHERE stay.stay_id = c.stay_id`,
        [list.map(([id]) => id), list.map(([, c]) => c.admittedAt), list.map(([, c]) => c.dischargedAt)],
      );
    }
  }
}
