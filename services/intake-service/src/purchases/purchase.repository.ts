/** Database access for purchases, always in the caller's transaction (its EntityManager) or one snapshot. */
import { Inject, Injectable } from '@nestjs/common';
import type { DistrictCode, ServiceCategoryCode } from '@plass/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { PurchaseEntity } from './purchase.entity';

export interface PurchaseFilter {
  districtCode?: DistrictCode;
  category?: ServiceCategoryCode;
}

@Injectable()
export class PurchaseRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Newest first. */
  list(filter: PurchaseFilter): Promise<PurchaseEntity[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(PurchaseEntity, 'p')
      .orderBy('p.createdAt', 'DESC')
      .addOrderBy('p.id', 'ASC');
    if (filter.districtCode) query.andWhere('p.districtCode = :district', { district: filter.districtCode });
    if (filter.category) query.andWhere('p.category = :category', { category: filter.category });
    return query.getMany();
  }

  insert(manager: EntityManager, purchase: PurchaseEntity): Promise<unknown> {
    return manager.insert(PurchaseEntity, purchase);
  }

  /** Reads a purchase and locks its row until the transaction ends: every change of it is serialised. */
  lock(manager: EntityManager, id: string): Promise<PurchaseEntity | null> {
    return manager.findOne(PurchaseEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  save(manager: EntityManager, purchase: PurchaseEntity): Promise<PurchaseEntity> {
    return manager.save(PurchaseEntity, purchase);
  }
}
