/** Admissions and discharges: each locks the unit, changes it, and adds its event to the outbox in one transaction. */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { canWriteInstitution } from '@plass/auth';
import type { AdmissionResultDto, OccupancyChange, UnitDto } from '@plass/contracts';
import { availablePlaces } from '@plass/domain';
import { enqueueOutbox } from '@plass/messaging';
import type { EntityManager } from 'typeorm';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { InstitutionException } from '../institution.exception';
import { RegistryRepository } from '../registry/registry.repository';
import type { WriteRequest } from '../registry/registry.service';
import type { UnitEntity } from '../registry/unit.entity';
import { toUnitDto } from '../registry/unit.mapper';
import type { AdmitResidentDto } from './dto/admit-resident.dto';
import type { DischargeResidentDto } from './dto/discharge-resident.dto';
import { occupancyChangedMessage } from './occupancy-event';
import { StayEntity } from './stay.entity';
import { StayRepository } from './stay.repository';

@Injectable()
export class OccupancyService {
  constructor(
    @Inject(RegistryRepository) private readonly registry: RegistryRepository,
    @Inject(StayRepository) private readonly stays: StayRepository,
    @Inject(IdempotencyService) private readonly idempotency: IdempotencyService,
  ) {}

  async admit(unitId: string, dto: AdmitResidentDto, request: WriteRequest): Promise<AdmissionResultDto> {
    const { body } = await this.idempotency.run(this.context(request), async (manager) => {
      const unit = await this.lockWritableUnit(manager, unitId, request);
      if (availablePlaces(unit) <= 0 && dto.allowOverCapacity !== true) {
        throw new InstitutionException(
          'NO_AVAILABLE_PLACE',
          `unit ${unit.name} has no available place (capacity ${unit.capacity}, occupied ${unit.occupied}, ` +
            `blocked ${unit.blocked}, reserved ${unit.reserved}); send allowOverCapacity: true to admit anyway`,
          { unit: toUnitDto(unit) },
        );
      }
      const stay = await this.stays.insert(
        manager,
        Object.assign(new StayEntity(), {
          id: randomUUID(),
          unitId,
          referringDistrictCode: dto.referringDistrictCode,
          admittedAt: new Date(),
          plannedDischargeDate: dto.plannedDischargeDate?.slice(0, 10) ?? null,
          dischargedAt: null,
          dischargeReason: null,
        }),
      );
      unit.occupied += 1;
      const saved = await this.commitChange(manager, unit, {
        kind: 'admission',
        stayId: stay.id,
        referringDistrictCode: dto.referringDistrictCode,
        ...(stay.plannedDischargeDate ? { plannedDischargeDate: stay.plannedDischargeDate } : {}),
      });
      return { stayId: stay.id, unit: toUnitDto(saved) };
    });
    return body;
  }

  async discharge(
    unitId: string,
    dto: DischargeResidentDto,
    request: WriteRequest,
  ): Promise<{ unit: UnitDto }> {
    const { body } = await this.idempotency.run(this.context(request), async (manager) => {
      const unit = await this.lockWritableUnit(manager, unitId, request, { allowClosed: true });
      const stay = await this.stays.find(manager, unitId, dto.stayId);
      if (!stay) {
        throw new InstitutionException('STAY_NOT_FOUND', `no stay ${dto.stayId} in unit ${unit.name}`);
      }
      if (stay.dischargedAt) {
        throw new InstitutionException(
          'STAY_ALREADY_DISCHARGED',
          `stay ${dto.stayId} was discharged at ${stay.dischargedAt.toISOString()}`,
        );
      }
      stay.dischargedAt = new Date();
      stay.dischargeReason = dto.reason;
      await this.stays.save(manager, stay);
      unit.occupied -= 1;
      const saved = await this.commitChange(manager, unit, {
        kind: 'discharge',
        stayId: stay.id,
        referringDistrictCode: stay.referringDistrictCode,
        dischargeReason: dto.reason,
      });
      return { unit: toUnitDto(saved) };
    });
    return body;
  }

  private async lockWritableUnit(
    manager: EntityManager,
    unitId: string,
    request: WriteRequest,
    options: { allowClosed?: boolean } = {},
  ): Promise<UnitEntity> {
    const unit = await this.registry.lockUnit(manager, unitId);
    if (!unit) throw new InstitutionException('UNIT_NOT_FOUND', `no unit has id ${unitId}`);
    if (!canWriteInstitution(request.user, unit.institutionId)) {
      throw new InstitutionException(
        'NOT_YOUR_INSTITUTION',
        `you may not change units of institution ${unit.institutionId}`,
      );
    }
    if (unit.closed && !options.allowClosed) {
      throw new InstitutionException('UNIT_CLOSED', `unit ${unit.name} is closed`);
    }
    return unit;
  }

  /** Bumps the sequence, saves the unit and adds its event to the outbox, in the caller's transaction. */
  private async commitChange(
    manager: EntityManager,
    unit: UnitEntity,
    change: OccupancyChange,
  ): Promise<UnitEntity> {
    unit.sequence += 1;
    unit.updatedAt = new Date();
    const saved = await this.registry.saveUnit(manager, unit);
    const institution = await this.registry.findInstitution(unit.institutionId, manager);
    if (!institution) throw new Error(`unit ${unit.id} has no institution`);
    await enqueueOutbox(manager, [occupancyChangedMessage(saved, institution, change)]);
    return saved;
  }

  private context(request: WriteRequest) {
    return {
      key: request.idempotencyKey,
      principal: request.user.sub,
      method: request.method,
      path: request.path,
    };
  }
}
