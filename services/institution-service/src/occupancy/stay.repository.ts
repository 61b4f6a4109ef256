import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { StayEntity } from './stay.entity';

@Injectable()
export class StayRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** A plain INSERT: `save` would first SELECT the row to decide between insert and update. */
  async insert(manager: EntityManager, stay: StayEntity): Promise<StayEntity> {
    await manager.insert(StayEntity, stay);
    return stay;
  }

  find(manager: EntityManager, unitId: string, stayId: string): Promise<StayEntity | null> {
    return manager.findOne(StayEntity, {
      where: { id: stayId, unitId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Stores the stay's discharge with one UPDATE (no SELECT first, as `save` would). */
  async saveDischarge(manager: EntityManager, stay: StayEntity): Promise<void> {
    await manager.update(
      StayEntity,
      { id: stay.id },
      { dischargedAt: stay.dischargedAt, dischargeReason: stay.dischargeReason },
    );
  }

  /** Stores a corrected admission or discharge time (ADR 0214). */
  async saveTimes(manager: EntityManager, stay: StayEntity): Promise<void> {
    await manager.update(
      StayEntity,
      { id: stay.id },
      { admittedAt: stay.admittedAt, dischargedAt: stay.dischargedAt },
    );
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
