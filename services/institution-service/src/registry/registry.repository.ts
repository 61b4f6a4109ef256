/** Database access for institutions and units. Methods take the caller's EntityManager (transaction). */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { InstitutionEntity } from './institution.entity';
import { UnitEntity } from '../unit/unit.entity';

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

  /** Reads an institution and locks its row until the transaction ends (a rename). */
  lockInstitution(manager: EntityManager, id: string): Promise<InstitutionEntity | null> {
    return manager.findOne(InstitutionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Locks every unit of an institution, in id order so that concurrent writers cannot deadlock. */
  lockUnitsOf(manager: EntityManager, institutionId: string): Promise<UnitEntity[]> {
    return manager.find(UnitEntity, {
      where: { institutionId },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * Serialises name checks until the transaction ends: of institution names when `institutionId` is
   * undefined, else of the unit names of that institution. Without it two writers could both see a
   * name as free and both take it.
   */
  async lockNames(manager: EntityManager, institutionId?: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      institutionId === undefined ? 'institution-names' : `unit-names:${institutionId}`,
    ]);
  }

  /** True when another institution has `name` (letter case and surrounding spaces aside). */
  async institutionNameTaken(manager: EntityManager, name: string, exceptId?: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      'SELECT 1 FROM institution WHERE lower(btrim(name)) = lower(btrim($1)) AND id IS DISTINCT FROM $2 LIMIT 1',
      [name, exceptId ?? null],
    );
    return rows.length > 0;
  }

  /** True when another open unit of the institution has `name` (a closed unit gives its name up). */
  async unitNameTaken(
    manager: EntityManager,
    institutionId: string,
    name: string,
    exceptId?: string,
  ): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM unit WHERE institution_id = $1 AND NOT closed
         AND lower(btrim(name)) = lower(btrim($2)) AND id IS DISTINCT FROM $3 LIMIT 1`,
      [institutionId, name, exceptId ?? null],
    );
    return rows.length > 0;
  }

  async renameInstitution(manager: EntityManager, id: string, name: string): Promise<void> {
    await manager.update(InstitutionEntity, { id }, { name });
  }

  async renameUnit(manager: EntityManager, id: string, name: string): Promise<void> {
    await manager.update(UnitEntity, { id }, { name });
  }
}
