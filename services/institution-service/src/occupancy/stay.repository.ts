import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StayEntity } from './stay.entity';

@Injectable()
export class StayRepository {
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
}
