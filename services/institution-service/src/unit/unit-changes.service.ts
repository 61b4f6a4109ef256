/**
 * The one way a unit changes: lock its row, check, change counts, `sequence += 1`, and add the
 * `unit.occupancy-changed` event with the resulting state to the outbox, all in the caller's transaction.
 */
import { Inject, Injectable } from '@nestjs/common';
import { canWriteInstitution, type AuthUser } from '@plass/auth';
import type { OccupancyChange } from '@plass/contracts';
import { enqueueOutbox } from '@plass/messaging';
import type { EntityManager } from 'typeorm';
import { InstitutionException } from '../institution.exception';
import { occupancyChangedMessage } from './unit.event';
import { RegistryRepository } from '../registry/registry.repository';
import type { UnitEntity } from './unit.entity';

export interface LockOptions {
  /** Let the change through on a closed unit (discharges, releasing what is left). */
  allowClosed?: boolean;
}

@Injectable()
export class UnitChanges {
  constructor(@Inject(RegistryRepository) private readonly registry: RegistryRepository) {}

  /** Locks the unit until the transaction ends: 404 when unknown, 409 when closed. */
  lock(manager: EntityManager, unitId: string, options: LockOptions = {}): Promise<UnitEntity> {
    return this.lockChecked(manager, unitId, () => undefined, options);
  }

  /**
   * The authorization of an institution write, and nothing else: locks the unit until the transaction
   * ends, 404 when unknown, 403 unless the user is staff of its institution or admin. A repeated
   * Idempotency-Key is answered only after this has passed (ADR 0120); `assertOpen` follows in the write.
   */
  async authorizeInstitutionWrite(
    manager: EntityManager,
    unitId: string,
    user: AuthUser,
  ): Promise<UnitEntity> {
    const unit = await this.registry.lockUnit(manager, unitId);
    if (!unit) throw new InstitutionException('UNIT_NOT_FOUND', `no unit has id ${unitId}`);
    assertInstitutionWrite(user, unit);
    return unit;
  }

  /** Bumps the sequence, saves the unit and adds its event to the outbox, in the caller's transaction. */
  async commit(manager: EntityManager, unit: UnitEntity, change: OccupancyChange): Promise<UnitEntity> {
    unit.sequence += 1;
    unit.updatedAt = new Date();
    const saved = await this.registry.updateUnit(manager, unit);
    const institution = await this.registry.findInstitution(unit.institutionId, manager);
    if (!institution) throw new Error(`unit ${unit.id} has no institution`);
    await enqueueOutbox(manager, [occupancyChangedMessage(saved, institution, change)]);
    return saved;
  }

  /** Not found (404), then not allowed (403), then closed (409). */
  private async lockChecked(
    manager: EntityManager,
    unitId: string,
    authorize: (unit: UnitEntity) => void,
    options: LockOptions,
  ): Promise<UnitEntity> {
    const unit = await this.registry.lockUnit(manager, unitId);
    if (!unit) throw new InstitutionException('UNIT_NOT_FOUND', `no unit has id ${unitId}`);
    authorize(unit);
    if (!options.allowClosed) assertOpen(unit);
    return unit;
  }
}

/** 409 when the unit is closed. */
export function assertOpen(unit: UnitEntity): void {
  if (unit.closed) {
    throw new InstitutionException('UNIT_CLOSED', `unit ${unit.name} is closed and takes no changes`);
  }
}

export function assertInstitutionWrite(user: AuthUser, unit: UnitEntity): void {
  if (!canWriteInstitution(user, unit.institutionId)) {
    throw new InstitutionException(
      'NOT_YOUR_INSTITUTION',
      `you may change only units of your own institutions; unit ${unit.name} belongs to institution ${unit.institutionId}`,
    );
  }
}
