/** Database access for institutions and units. Methods take the caller's EntityManager (transaction). */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { InstitutionEntity } from './institution.entity';
import { UnitEntity } from './unit.entity';

@Injectable()
export class RegistryRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async listInstitutions(): Promise<{ institution: InstitutionEntity; units: UnitEntity[] }[]> {
    const [institutions, units] = await Promise.all([
      this.dataSource.getRepository(InstitutionEntity).find({ order: { name: 'ASC' } }),
      this.dataSource.getRepository(UnitEntity).find({ order: { name: 'ASC' } }),
    ]);
    return institutions.map((institution) => ({
      institution,
      units: units.filter((u) => u.institutionId === institution.id),
    }));
  }

  findInstitution(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<InstitutionEntity | null> {
    return manager.findOneBy(InstitutionEntity, { id });
  }

  findUnits(institutionId: string): Promise<UnitEntity[]> {
    return this.dataSource
      .getRepository(UnitEntity)
      .find({ where: { institutionId }, order: { name: 'ASC' } });
  }

  findUnit(id: string): Promise<UnitEntity | null> {
    return this.dataSource.getRepository(UnitEntity).findOneBy({ id });
  }

  /** Reads a unit and locks its row until the transaction ends: every change of a unit is serialised. */
  lockUnit(manager: EntityManager, id: string): Promise<UnitEntity | null> {
    return manager.findOne(UnitEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** As lockUnit, but returns null at once when another transaction holds the row (the expiry scheduler). */
  lockUnitUnlessBusy(manager: EntityManager, id: string): Promise<UnitEntity | null> {
    return manager.findOne(UnitEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
    });
  }

  insertInstitution(manager: EntityManager, institution: InstitutionEntity): Promise<InstitutionEntity> {
    return manager.save(InstitutionEntity, institution);
  }

  saveUnit(manager: EntityManager, unit: UnitEntity): Promise<UnitEntity> {
    return manager.save(UnitEntity, unit);
  }

  /**
   * Writes a locked unit's changed state with one UPDATE (`save` reads the row first: a round trip
   * more on every admission and discharge). Identity fields (institution, name, category) never change here.
   */
  async updateUnit(manager: EntityManager, unit: UnitEntity): Promise<UnitEntity> {
    await manager.update(
      UnitEntity,
      { id: unit.id },
      {
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
}
