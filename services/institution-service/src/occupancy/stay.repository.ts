import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { StayEntity } from './stay.entity';

@Injectable()
export class StayRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  insert(manager: EntityManager, stay: StayEntity): Promise<StayEntity> {
    return manager.save(StayEntity, stay);
  }

  find(manager: EntityManager, unitId: string, stayId: string): Promise<StayEntity | null> {
    return manager.findOne(StayEntity, {
      where: { id: stayId, unitId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  save(manager: EntityManager, stay: StayEntity): Promise<StayEntity> {
    return manager.save(StayEntity, stay);
  }

  findOpen(unitId: string): Promise<StayEntity[]> {
    return this.dataSource
      .getRepository(StayEntity)
      .find({ where: { unitId, dischargedAt: IsNull() }, order: { admittedAt: 'ASC' } });
  }

  countOpen(manager: EntityManager, unitId: string): Promise<number> {
    return manager.count(StayEntity, { where: { unitId, dischargedAt: IsNull() } });
  }
}
