/**
 * The one way a unit changes: lock its row, check, change counts, `sequence += 1`, and add the
 * `unit.occupancy-changed` event with the resulting state to the outbox, all in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { canWriteInstitution, type AuthUser } from '@plass/auth';
import type { OccupancyChange } from '@plass/contracts';
import { inNeedsOrder } from '@plass/domain';
import { enqueueOutbox } from '@plass/messaging';
import type { EntityManager } from 'typeorm';
import { effectiveAtOf, type EffectiveTime } from '../common/effective-time';
import { InstitutionException } from '../institution.exception';
import { UnitEntity } from './unit.entity';
import { occupancyChangedMessage, type UnitInstitution } from './unit.event';
import { UnitRepository } from './unit.repository';

export interface LockOptions {
  /** Let the change through on a closed unit (discharges, releasing what is left). */
  allowClosed?: boolean;
}

/** What a new unit is registered with; it starts empty and open. */
export type NewUnit = Pick<UnitEntity, 'name' | 'category' | 'capacity' | 'features'>;

@Injectable()
export class UnitChanges {
  constructor(@Inject(UnitRepository) private readonly units: UnitRepository) {}

  /** Reads a unit without locking it (for a listing beside it): 404 when unknown. */
  async get(unitId: string): Promise<UnitEntity> {
    return found(await this.units.find(unitId), unitId);
  }

  /** Locks the unit until the transaction ends: 404 when unknown, 409 when closed. */
  async lock(manager: EntityManager, unitId: string, options: LockOptions = {}): Promise<UnitEntity> {
    const unit = found(await this.units.lock(manager, unitId), unitId);
    if (!options.allowClosed) assertOpen(unit);
    return unit;
  }

  /** Locks the unit until the transaction ends, closed or not; null when unknown (a consumer's case, not a 404). */
  lockIfKnown(manager: EntityManager, unitId: string): Promise<UnitEntity | null> {
    return this.units.lock(manager, unitId);
  }

  /**
   * Locks the unit unless another transaction holds it, then returns null at once: the expiry
   * scheduler skips a busy unit and picks it up on its next round (ADR 0012).
   */
  lockUnlessBusy(manager: EntityManager, unitId: string): Promise<UnitEntity | null> {
    return this.units.lockUnlessBusy(manager, unitId);
  }

  /** Locks every unit of an institution, closed ones too, in an order that cannot deadlock. */
  lockAllOf(manager: EntityManager, institutionId: string): Promise<UnitEntity[]> {
    return this.units.lockAllOf(manager, institutionId);
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
    const unit = found(await this.units.lock(manager, unitId), unitId);
    assertInstitutionWrite(user, unit);
    return unit;
  }

  /**
   * Inserts a new, empty unit with its first event (`registered`, sequence 1), which tells the read model it
   * exists; `opened` earlier than now is the event's `effectiveAt` (ADR 0212).
   */
  async register(
    manager: EntityManager,
    institution: UnitInstitution,
    fields: NewUnit,
    opened?: EffectiveTime,
  ): Promise<UnitEntity> {
    const unit = await this.units.insert(
      manager,
      Object.assign(new UnitEntity(), {
        id: randomUUID(),
        institutionId: institution.id,
        name: fields.name,
        category: fields.category,
        features: inNeedsOrder(fields.features),
        capacity: fields.capacity,
        occupied: 0,
        blocked: 0,
        reserved: 0,
        closed: false,
        closedAt: null,
        ...(opened ? { openedAt: opened.at } : {}),
        sequence: 1,
      }),
    );
    await enqueueOutbox(manager, [
      occupancyChangedMessage(unit, institution, {
        kind: 'registered',
        ...(opened ? effectiveAtOf(opened) : {}),
      }),
    ]);
    return unit;
  }

  /**
   * Bumps the sequence, saves the locked unit and adds its event to the outbox, in the caller's transaction.
   * Features are kept in the needs list's order, each once, whatever order the command set them in.
   */
  async commit(manager: EntityManager, unit: UnitEntity, change: OccupancyChange): Promise<UnitEntity> {
    unit.features = inNeedsOrder(unit.features);
    unit.sequence += 1;
    unit.updatedAt = new Date();
    const saved = await this.units.update(manager, unit);
    const institution = await this.units.institutionOf(manager, unit.institutionId);
    if (!institution) throw new Error(`unit ${unit.id} has no institution`);
    await enqueueOutbox(manager, [occupancyChangedMessage(saved, institution, change)]);
    return saved;
  }
}

function found(unit: UnitEntity | null, unitId: string): UnitEntity {
  if (!unit) throw new InstitutionException('UNIT_NOT_FOUND', `no unit has id ${unitId}`);
  return unit;
}

/** 409 when the unit is closed. */
export function assertOpen(unit: UnitEntity): void {
  if (unit.closed) {
    throw new InstitutionException('UNIT_CLOSED', `unit ${unit.name} is closed and takes no changes`);
  }
}

/** 403 unless the user is staff of the unit's institution or admin. */
export function assertInstitutionWrite(user: AuthUser, unit: UnitEntity): void {
  if (!canWriteInstitution(user, unit.institutionId)) {
    throw new InstitutionException(
      'NOT_YOUR_INSTITUTION',
      `you may change only units of your own institutions; unit ${unit.name} belongs to institution ${unit.institutionId}`,
    );
  }
}
