/** Database access for housing units. Writes take the caller's EntityManager (transaction). */
import { Inject, Injectable } from '@nestjs/common';
import type { DistrictCode, HousingStatus, HousingType } from '@plass/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { HousingUnitEntity } from './housing-unit.entity';

export interface HousingUnitFilter {
  districtCode?: DistrictCode;
  type?: HousingType;
  status?: HousingStatus;
}

@Injectable()
export class HousingUnitRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  list(filter: HousingUnitFilter): Promise<HousingUnitEntity[]> {
    return this.dataSource.getRepository(HousingUnitEntity).find({
      where: filter,
      order: { districtCode: 'ASC', type: 'ASC', label: 'ASC', createdAt: 'ASC' },
    });
  }

  find(id: string): Promise<HousingUnitEntity | null> {
    return this.dataSource.getRepository(HousingUnitEntity).findOneBy({ id });
  }

  /** Reads a unit and locks its row until the transaction ends: every change of a unit is serialised. */
  lock(manager: EntityManager, id: string): Promise<HousingUnitEntity | null> {
    return manager.findOne(HousingUnitEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Locks up to `limit` reserved units whose reservation has run out. Rows another replica holds are
   * skipped (FOR UPDATE SKIP LOCKED), so several replicas can sweep at once without waiting or doubling.
   */
  lockLapsedReservations(manager: EntityManager, now: Date, limit: number): Promise<HousingUnitEntity[]> {
    return manager
      .createQueryBuilder(HousingUnitEntity, 'u')
      .where("u.status = 'reserved'")
      .andWhere('u.reservedUntil <= :now', { now })
      .orderBy('u.reservedUntil', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** When the next reservation runs out, or null when nothing is reserved. */
  async nextReservationExpiry(): Promise<Date | null> {
    const [row] = await this.dataSource.query<{ next: Date | null }[]>(
      "SELECT min(reserved_until) AS next FROM housing_unit WHERE status = 'reserved'",
    );
    return row?.next ?? null;
  }

  insert(manager: EntityManager, unit: HousingUnitEntity): Promise<HousingUnitEntity> {
    return manager.save(HousingUnitEntity, unit);
  }

  save(manager: EntityManager, unit: HousingUnitEntity): Promise<HousingUnitEntity> {
    return manager.save(HousingUnitEntity, unit);
  }
}
