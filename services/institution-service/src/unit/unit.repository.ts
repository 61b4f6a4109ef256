/** Database access for the unit row. Methods that lock or write take the caller's EntityManager (transaction). */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UnitEntity } from './unit.entity';
import type { UnitInstitution } from './unit.event';

@Injectable()
export class UnitRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  find(id: string): Promise<UnitEntity | null> {
    return this.dataSource.getRepository(UnitEntity).findOneBy({ id });
  }

  /** Reads a unit and locks its row until the transaction ends: every change of a unit is serialised. */
  lock(manager: EntityManager, id: string): Promise<UnitEntity | null> {
    return manager.findOne(UnitEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** As lock, but returns null at once when another transaction holds the row (the expiry scheduler). */
  lockUnlessBusy(manager: EntityManager, id: string): Promise<UnitEntity | null> {
    return manager.findOne(UnitEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
    });
  }

  /** Locks every unit of an institution, in id order so that concurrent writers cannot deadlock. */
  lockAllOf(manager: EntityManager, institutionId: string): Promise<UnitEntity[]> {
    return manager.find(UnitEntity, {
      where: { institutionId },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Inserts a new unit; `save` reads back the database's `updated_at`, which its first event carries. */
  insert(manager: EntityManager, unit: UnitEntity): Promise<UnitEntity> {
    return manager.save(UnitEntity, unit);
  }

  /**
   * Writes a locked unit's changed state with one UPDATE (`save` reads the row first: a round trip
   * more on every admission and discharge). Its institution and category never change.
   */
  async update(manager: EntityManager, unit: UnitEntity): Promise<UnitEntity> {
    await manager.update(
      UnitEntity,
      { id: unit.id },
      {
        name: unit.name,
        features: unit.features,
        capacity: unit.capacity,
        occupied: unit.occupied,
        blocked: unit.blocked,
        reserved: unit.reserved,
        closed: unit.closed,
        closedAt: unit.closedAt,
        sequence: unit.sequence,
        updatedAt: unit.updatedAt,
      },
    );
    return unit;
  }

  /**
   * What a unit's event carries about its institution, in the caller's transaction. The registry owns
   * the institution entity; the unit reads these four columns of its row and depends on nothing there.
   */
  async institutionOf(manager: EntityManager, institutionId: string): Promise<UnitInstitution | null> {
    const rows = await manager.query<UnitInstitution[]>(
      `SELECT id, name, provider_type AS "providerType", district_code AS "districtCode"
         FROM institution WHERE id = $1`,
      [institutionId],
    );
    return rows[0] ?? null;
  }
}
