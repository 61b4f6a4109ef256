/** Database access for referrals, always in the caller's transaction (its EntityManager). */
import { Inject, Injectable } from '@nestjs/common';
import type { DistrictCode, ReferralStatus, ServiceCategoryCode } from '@plass/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { ReferralEntity } from './referral.entity';
import type { QueuedReferral } from './waiting-list';

export interface ReferralFilter {
  status: ReferralStatus;
  districtCode?: DistrictCode;
  /** Referrals that name this category among theirs. */
  category?: ServiceCategoryCode;
}

@Injectable()
export class ReferralRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Runs reads in one snapshot (REPEATABLE READ): a list and its positions agree with each other. */
  snapshot<T>(read: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', read);
  }

  /** The matching referrals, in no particular order (the waiting list's order is waiting-list.ts). */
  list(manager: EntityManager, filter: ReferralFilter): Promise<ReferralEntity[]> {
    const query = manager
      .createQueryBuilder(ReferralEntity, 'r')
      .where('r.status = :status', { status: filter.status });
    if (filter.districtCode) query.andWhere('r.districtCode = :district', { district: filter.districtCode });
    if (filter.category) query.andWhere(':category = ANY(r.categories)', { category: filter.category });
    return query.getMany();
  }

  find(manager: EntityManager, id: string): Promise<ReferralEntity | null> {
    return manager.findOneBy(ReferralEntity, { id });
  }

  /** Every waiting referral, with what its position depends on. */
  waiting(manager: EntityManager): Promise<QueuedReferral[]> {
    return manager.find(ReferralEntity, {
      select: { id: true, urgency: true, createdAt: true },
      where: { status: 'waiting' },
    });
  }

  /** Reads a referral and locks its row until the transaction ends: every change of it is serialised. */
  lock(manager: EntityManager, id: string): Promise<ReferralEntity | null> {
    return manager.findOne(ReferralEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Locks the referral whose latest offer is `offerId` (also the reservation's id at the institution). */
  lockByOffer(manager: EntityManager, offerId: string): Promise<ReferralEntity | null> {
    return manager.findOne(ReferralEntity, { where: { offerId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The ids of the live offers on the unit. */
  async liveOffersOn(manager: EntityManager, unitId: string): Promise<string[]> {
    const rows = await manager.query<{ offer_id: string }[]>(
      "SELECT offer_id FROM referral WHERE status = 'offered' AND offer_unit_id = $1 ORDER BY id",
      [unitId],
    );
    return rows.map((r) => r.offer_id);
  }

  /** Live offers on the unit whose place the institution has not reserved yet: not free for another offer. */
  async pendingOffersOn(manager: EntityManager, unitId: string): Promise<number> {
    const rows = await manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM referral
        WHERE status = 'offered' AND offer_unit_id = $1 AND offer_reservation_id IS NULL`,
      [unitId],
    );
    return rows[0]?.n ?? 0;
  }

  /** Offered referrals whose offer is past its expiry, oldest first; not locked (the scheduler locks each). */
  async findDueOffers(limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM referral WHERE status = 'offered' AND offer_expires_at <= now()
        ORDER BY offer_expires_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /** Locks one referral with a due offer, skipping it when another replica or a request holds it. */
  lockDueOffer(manager: EntityManager, id: string): Promise<ReferralEntity | null> {
    return manager
      .createQueryBuilder(ReferralEntity, 'r')
      .where("r.id = :id AND r.status = 'offered' AND r.offerExpiresAt <= now()", { id })
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getOne();
  }

  insert(manager: EntityManager, referral: ReferralEntity): Promise<void> {
    return manager.insert(ReferralEntity, referral).then(() => undefined);
  }

  save(manager: EntityManager, referral: ReferralEntity): Promise<ReferralEntity> {
    return manager.save(ReferralEntity, referral);
  }
}
