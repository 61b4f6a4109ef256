/** The registry: institutions and their units (admin writes, anyone signed in reads), and closing a unit. */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type {
  InstitutionDto,
  RegisterInstitutionBody,
  RegisterUnitBody,
  RenameBody,
  UnitDto,
  UnitFeaturesBody,
  UnitResultDto,
} from '@plass/contracts';
import { inNeedsOrder } from '@plass/domain';
import { BlockRepository } from '../blocks/block.repository';
import { effectiveTime } from '../common/effective-time';
import { idempotencyContext, type WriteRequest } from '../common/write-request';
import { INSTITUTION_CONFIG, type InstitutionConfig } from '../config';
import { IdempotencyService, ROLE_CHECKED_BY_GUARD } from '@plass/persistence';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { InstitutionException } from '../institution.exception';
import { StayRepository } from '../occupancy/stay.repository';
import { ReservationRepository } from '../reservations/reservation.repository';
import { toUnitDto, UnitChanges, type UnitEntity } from '../unit';
import { InstitutionEntity } from './institution.entity';
import { toInstitutionDto } from './institution.mapper';
import { NAME_INDEXES, RegistryRepository } from './registry.repository';

@Injectable()
export class RegistryService {
  constructor(
    @Inject(RegistryRepository) private readonly registry: RegistryRepository,
    @Inject(UnitChanges) private readonly changes: UnitChanges,
    @Inject(StayRepository) private readonly stays: StayRepository,
    @Inject(BlockRepository) private readonly blocks: BlockRepository,
    @Inject(ReservationRepository) private readonly reservations: ReservationRepository,
    @Inject(IdempotencyService) private readonly idempotency: IdempotencyService,
    @Inject(INSTITUTION_CONFIG) private readonly config: InstitutionConfig,
  ) {}

  async list(): Promise<InstitutionDto[]> {
    const rows = await this.registry.listInstitutions();
    return rows.map(({ institution, units }) => toInstitutionDto(institution, units));
  }

  async get(id: string): Promise<InstitutionDto> {
    const institution = await this.registry.findInstitution(id);
    if (!institution) throw new InstitutionException('INSTITUTION_NOT_FOUND', `no institution has id ${id}`);
    return toInstitutionDto(institution, await this.registry.findUnits(id));
  }

  async getUnit(id: string): Promise<UnitDto> {
    return toUnitDto(await this.changes.get(id));
  }

  async createInstitution(dto: RegisterInstitutionBody, request: WriteRequest): Promise<InstitutionDto> {
    const body = await this.idempotency.run(idempotencyContext(request), {
      // Admin only, which the role guard has checked; no resource scope.
      authorize: ROLE_CHECKED_BY_GUARD,
      work: async (manager) => {
        await this.assertInstitutionNameFree(manager, dto.name);
        const institution = await nameGuard(
          this.registry.insertInstitution(
            manager,
            Object.assign(new InstitutionEntity(), { id: randomUUID(), ...dto }),
          ),
          `another institution is already called ${dto.name}`,
        );
        return toInstitutionDto(institution, []);
      },
    });
    return body;
  }

  /**
   * Registers a unit; its first event (`registered`, sequence 1) tells the read model it exists. An
   * `openedAt` in the past is its opening (admin only, so no window) and the event's `effectiveAt`.
   */
  async createUnit(institutionId: string, dto: RegisterUnitBody, request: WriteRequest): Promise<UnitDto> {
    const opened = effectiveTime('openedAt', dto.openedAt, {
      user: request.user,
      windowDays: this.config.backdateWindowDays,
    });
    const body = await this.idempotency.run(idempotencyContext(request), {
      // Admin only, which the role guard has checked; no resource scope.
      authorize: ROLE_CHECKED_BY_GUARD,
      work: async (manager) => {
        const institution = await this.registry.findInstitution(institutionId, manager);
        if (!institution) {
          throw new InstitutionException('INSTITUTION_NOT_FOUND', `no institution has id ${institutionId}`);
        }
        await this.assertUnitNameFree(manager, institutionId, dto.name);
        const unit = await nameGuard(
          this.changes.register(manager, institution, dto, opened),
          `another unit of ${institution.name} is already called ${dto.name}`,
        );
        return toUnitDto(unit);
      },
    });
    return body;
  }

  /**
   * Closes a unit for good (ADR 0011): only when nobody lives there any more. Its open blocks and
   * reservations end with it; one `closed` event carries the final state (blocked and reserved 0).
   */
  async closeUnit(unitId: string, request: WriteRequest): Promise<UnitResultDto> {
    const body = await this.idempotency.run(idempotencyContext(request), {
      // Admin only, which the role guard has checked; no resource scope.
      authorize: ROLE_CHECKED_BY_GUARD,
      work: async (manager) => {
        const unit = await this.changes.lock(manager, unitId);
        const openStays = await this.stays.countOpen(manager, unitId);
        if (openStays > 0 || unit.occupied > 0) {
          throw new InstitutionException(
            'UNIT_NOT_EMPTY',
            `unit ${unit.name} still has ${Math.max(openStays, unit.occupied)} resident(s) ` +
              `(${openStays} open stay(s), occupied ${unit.occupied}); discharge or transfer them, ` +
              'or correct the count with a census, before closing it',
            { unit: toUnitDto(unit), openStays },
          );
        }
        await this.blocks.release(manager, await this.blocks.lockOpen(manager, unitId), 'closed');
        await this.reservations.end(manager, await this.reservations.lockOpen(manager, unitId), 'closed');
        unit.blocked = 0;
        unit.reserved = 0;
        unit.closed = true;
        unit.closedAt = new Date();
        const saved = await this.changes.commit(manager, unit, { kind: 'closed' });
        return { unit: toUnitDto(saved) };
      },
    });
    return body;
  }

  /**
   * Reopens a closed unit (ADR 0180): it is open and counts again with the capacity and features it had,
   * empty (closing needed it empty; blocks and reservations ended then). Its name must still be free among
   * the open units of the institution: a closed unit gave its name up. One `reopened` event.
   */
  async reopenUnit(unitId: string, request: WriteRequest): Promise<UnitResultDto> {
    const body = await this.idempotency.run(idempotencyContext(request), {
      // Admin only, which the role guard has checked; no resource scope.
      authorize: ROLE_CHECKED_BY_GUARD,
      work: async (manager) => {
        const unit = await this.changes.lock(manager, unitId, { allowClosed: true });
        if (!unit.closed) {
          throw new InstitutionException(
            'UNIT_NOT_CLOSED',
            `unit ${unit.name} is open; only a closed unit can be reopened`,
            { unit: toUnitDto(unit) },
          );
        }
        await this.assertUnitNameFree(manager, unit.institutionId, unit.name, unit.id);
        unit.closed = false;
        unit.closedAt = null;
        unit.occupied = 0;
        unit.blocked = 0;
        unit.reserved = 0;
        const saved = await nameGuard(
          this.changes.commit(manager, unit, { kind: 'reopened' }),
          `another open unit of the institution is already called ${unit.name}`,
        );
        return { unit: toUnitDto(saved) };
      },
    });
    return body;
  }

  /**
   * Renames an institution (ADR 0111). Events are per unit: each of its units, closed ones too, gets a
   * `renamed` event carrying the new institution name, so that every read model shows it.
   */
  async renameInstitution(id: string, dto: RenameBody, request: WriteRequest): Promise<InstitutionDto> {
    const body = await this.idempotency.run(idempotencyContext(request), {
      // Admin only, which the role guard has checked; no resource scope.
      authorize: ROLE_CHECKED_BY_GUARD,
      work: async (manager) => {
        const institution = await this.registry.lockInstitution(manager, id);
        if (!institution)
          throw new InstitutionException('INSTITUTION_NOT_FOUND', `no institution has id ${id}`);
        const units = await this.changes.lockAllOf(manager, id);
        if (institution.name === dto.name) return toInstitutionDto(institution, sortByName(units));
        await this.assertInstitutionNameFree(manager, dto.name, id);
        await nameGuard(
          this.registry.renameInstitution(manager, id, dto.name),
          `another institution is already called ${dto.name}`,
        );
        institution.name = dto.name;
        const saved: UnitEntity[] = [];
        for (const unit of units) saved.push(await this.changes.commit(manager, unit, { kind: 'renamed' }));
        return toInstitutionDto(institution, sortByName(saved));
      },
    });
    return body;
  }

  /** Renames a unit, closed or open (ADR 0111): one `renamed` event with the new name. */
  async renameUnit(unitId: string, dto: RenameBody, request: WriteRequest): Promise<UnitResultDto> {
    const body = await this.idempotency.run(idempotencyContext(request), {
      // Admin only, which the role guard has checked; no resource scope.
      authorize: ROLE_CHECKED_BY_GUARD,
      work: async (manager) => {
        const unit = await this.changes.lock(manager, unitId, { allowClosed: true });
        if (unit.name === dto.name) return { unit: toUnitDto(unit) };
        await this.assertUnitNameFree(manager, unit.institutionId, dto.name, unit.id);
        unit.name = dto.name;
        const saved = await nameGuard(
          this.changes.commit(manager, unit, { kind: 'renamed' }),
          `another unit of the institution is already called ${dto.name}`,
        );
        return { unit: toUnitDto(saved) };
      },
    });
    return body;
  }

  /**
   * Replaces an open unit's features (ADR 0154): one `features-changed` event with the whole new set.
   * The same set in another order is the same set: 200, no event.
   */
  async setUnitFeatures(
    unitId: string,
    dto: UnitFeaturesBody,
    request: WriteRequest,
  ): Promise<UnitResultDto> {
    const body = await this.idempotency.run(idempotencyContext(request), {
      // Admin only, which the role guard has checked; no resource scope.
      authorize: ROLE_CHECKED_BY_GUARD,
      work: async (manager) => {
        const unit = await this.changes.lock(manager, unitId);
        const features = inNeedsOrder(dto.features);
        if (features.join() === unit.features.join()) return { unit: toUnitDto(unit) };
        unit.features = features;
        const saved = await this.changes.commit(manager, unit, { kind: 'features-changed' });
        return { unit: toUnitDto(saved) };
      },
    });
    return body;
  }

  /** 409 when another institution has the name; holds the name lock until the transaction ends. */
  private async assertInstitutionNameFree(manager: EntityManager, name: string, exceptId?: string) {
    await this.registry.lockNames(manager);
    if (await this.registry.institutionNameTaken(manager, name, exceptId)) {
      throw new InstitutionException(
        'NAME_TAKEN',
        `another institution is already called ${name}; choose another name`,
      );
    }
  }

  /** 409 when another open unit of the institution has the name. */
  private async assertUnitNameFree(
    manager: EntityManager,
    institutionId: string,
    name: string,
    exceptId?: string,
  ) {
    await this.registry.lockNames(manager, institutionId);
    if (await this.registry.unitNameTaken(manager, institutionId, name, exceptId)) {
      throw new InstitutionException(
        'NAME_TAKEN',
        `another open unit of this institution is already called ${name}; choose another name`,
      );
    }
  }
}

const sortByName = (units: UnitEntity[]) => [...units].sort((a, b) => a.name.localeCompare(b.name));

/**
 * A write that a unique name index (ADR 0179) refused becomes 409 NAME_TAKEN: the last word when two
 * writers got past the name check at once, or the check and the index ever disagree.
 */
export async function nameGuard<T>(write: Promise<T>, detail: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isNameIndexViolation(error)) throw new InstitutionException('NAME_TAKEN', detail);
    throw error;
  }
}

export function isNameIndexViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return (
    driverError.code === '23505' && (NAME_INDEXES as readonly string[]).includes(driverError.constraint ?? '')
  );
}
