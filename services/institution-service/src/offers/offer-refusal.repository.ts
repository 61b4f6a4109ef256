/** Database access for refused offers (ADR 0161), always in the caller's transaction. */
import { Injectable } from '@nestjs/common';
import type { ReservationRefusalReason } from '@plass/contracts';
import type { EntityManager } from 'typeorm';

export interface OfferRefusal {
  offerId: string;
  referralId: string;
  unitId: string;
  reason: ReservationRefusalReason;
}

@Injectable()
export class OfferRefusalRepository {
  async exists(manager: EntityManager, offerId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>('SELECT 1 FROM offer_refusal WHERE offer_id = $1', [offerId]);
    return rows.length > 0;
  }

  async insert(manager: EntityManager, refusal: OfferRefusal): Promise<void> {
    await manager.query(
      `INSERT INTO offer_refusal (offer_id, referral_id, unit_id, reason, refused_at) VALUES ($1, $2, $3, $4, now())`,
      [refusal.offerId, refusal.referralId, refusal.unitId, refusal.reason],
    );
  }
}
