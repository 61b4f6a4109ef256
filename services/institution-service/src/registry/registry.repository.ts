/**
 * Database access for institutions and their names; units are read here only to list them. Methods that
 * lock or write take the caller's EntityManager (transaction).
 */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UnitEntity } from '../unit';
import { InstitutionEntity } from './institution.entity';

/**
 * How two names are compared (ADR 0179): letter case, spaces around and runs of whitespace inside aside.
 * The unique indexes of migration 1767300000000 use the same expression.
 */
const nameKey = (sql: string) =>
  `btrim(lower(regexp_replace(${sql}, '[[:space:]\\u00a0\\u2007\\u202f]+', ' ', 'g')))`;

/** The unique indexes that hold names apart (migration 1767300000000). */
export const NAME_INDEXES = ['institution_name_key', 'unit_open_name_key'] as const;

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

  insertInstitution(manager: EntityManager, institution: InstitutionEntity): Promise<InstitutionEntity> {
    return manager.save(InstitutionEntity, institution);
  }

  /** Reads an institution and locks its row until the transaction ends (a rename). */
  lockInstitution(manager: EntityManager, id: string): Promise<InstitutionEntity | null> {
    return manager.findOne(InstitutionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
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

  /** True when another institution has `name` (letter case and spacing aside). */
  async institutionNameTaken(manager: EntityManager, name: string, exceptId?: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM institution WHERE ${nameKey('name')} = ${nameKey('$1')} AND id IS DISTINCT FROM $2 LIMIT 1`,
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
         AND ${nameKey('name')} = ${nameKey('$2')} AND id IS DISTINCT FROM $3 LIMIT 1`,
      [institutionId, name, exceptId ?? null],
    );
    return rows.length > 0;
  }

  async renameInstitution(manager: EntityManager, id: string, name: string): Promise<void> {
    await manager.update(InstitutionEntity, { id }, { name });
  }
}
