/** Database access for the districts' housing need. Writes take the caller's EntityManager (transaction). */
import { Inject, Injectable } from '@nestjs/common';
import type { DistrictCode } from '@plass/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { HousingNeedEntity } from './housing-need.entity';

@Injectable()
export class HousingNeedRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  list(): Promise<HousingNeedEntity[]> {
    return this.dataSource.getRepository(HousingNeedEntity).find();
  }

  find(districtCode: DistrictCode): Promise<HousingNeedEntity | null> {
    return this.dataSource.getRepository(HousingNeedEntity).findOneBy({ districtCode });
  }

  /**
   * Reads a district's need and locks its row until the transaction ends, creating an empty one
   * (sequence 0) first if the district has none, so that the first two updates also serialise.
   */
  async lock(manager: EntityManager, districtCode: DistrictCode): Promise<HousingNeedEntity> {
    await manager.query(
      `INSERT INTO housing_need (district_code, needs, sequence) VALUES ($1, '{}'::jsonb, 0)
       ON CONFLICT (district_code) DO NOTHING`,
      [districtCode],
    );
    return manager.findOneOrFail(HousingNeedEntity, {
      where: { districtCode },
      lock: { mode: 'pessimistic_write' },
    });
  }

  save(manager: EntityManager, need: HousingNeedEntity): Promise<HousingNeedEntity> {
    return manager.save(HousingNeedEntity, need);
  }
}
