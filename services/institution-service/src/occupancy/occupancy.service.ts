/** Admissions and discharges: each locks the unit, changes it, and adds its event to the outbox in one transaction. */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '@plass/auth';
import type {
  AdmissionResultDto,
  AdmitResidentBody,
  DischargeResidentBody,
  StayDto,
  UnitResultDto,
} from '@plass/contracts';
import { availablePlaces } from '@plass/domain';
import { requireDateAhead } from '../common/time';
import { idempotencyContext, type WriteRequest } from '../common/write-request';
import { IdempotencyService } from '@plass/persistence';
import { InstitutionException } from '../institution.exception';
import { ReservationsService } from '../reservations/reservations.service';
import { assertInstitutionWrite, assertOpen, toUnitDto, UnitChanges } from '../unit';
import { StayEntity } from './stay.entity';
import { StayRepository } from './stay.repository';

/** The longest normed stay is two years; a plan beyond five is a typing error. */
export const MAX_PLANNED_STAY_DAYS = 5 * 366;

export function toStayDto(stay: StayEntity): StayDto {
  return {
    stayId: stay.id,
    unitId: stay.unitId,
    referringDistrictCode: stay.referringDistrictCode,
    admittedAt: stay.admittedAt.toISOString(),
    plannedDischargeDate: stay.plannedDischargeDate,
  };
}

@Injectable()
export class OccupancyService {
  constructor(
    @Inject(StayRepository) private readonly stays: StayRepository,
    @Inject(UnitChanges) private readonly changes: UnitChanges,
    @Inject(ReservationsService) private readonly reservations: ReservationsService,
    @Inject(IdempotencyService) private readonly idempotency: IdempotencyService,
  ) {}

  /** Open stays of a unit, for the staff who discharge them (staff of the institution, admin). */
  async listOpenStays(unitId: string, user: AuthUser): Promise<StayDto[]> {
    assertInstitutionWrite(user, await this.changes.get(unitId));
    return (await this.stays.findOpen(unitId)).map(toStayDto);
  }

  async admit(unitId: string, dto: AdmitResidentBody, request: WriteRequest): Promise<AdmissionResultDto> {
    const plannedDischargeDate =
      dto.plannedDischargeDate === undefined
        ? null
        : requireDateAhead('plannedDischargeDate', dto.plannedDischargeDate, MAX_PLANNED_STAY_DAYS);
    const body = await this.idempotency.run(idempotencyContext(request), {
      authorize: (manager) => this.changes.authorizeInstitutionWrite(manager, unitId, request.user),
      work: async (manager, unit) => {
        assertOpen(unit);
        const stayId = randomUUID();
        if (dto.reservationId !== undefined) {
          // The reserved place becomes the occupied one: no availability check, one change.
          await this.reservations.consume(
            manager,
            unit,
            dto.reservationId,
            dto.referringDistrictCode,
            stayId,
          );
        } else if (availablePlaces(unit) <= 0 && dto.allowOverCapacity !== true) {
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
            id: stayId,
            unitId,
            referringDistrictCode: dto.referringDistrictCode,
            admittedAt: new Date(),
            plannedDischargeDate,
            dischargedAt: null,
            dischargeReason: null,
            reservationId: dto.reservationId ?? null,
          }),
        );
        unit.occupied += 1;
        const saved = await this.changes.commit(manager, unit, {
          kind: 'admission',
          stayId: stay.id,
          referringDistrictCode: dto.referringDistrictCode,
          ...(plannedDischargeDate ? { plannedDischargeDate } : {}),
          // Intake places the referral whose offer this reservation was (ADR 0161).
          ...(dto.reservationId !== undefined ? { reservationId: dto.reservationId } : {}),
        });
        return { stayId: stay.id, unit: toUnitDto(saved) };
      },
    });
    return body;
  }

  async discharge(unitId: string, dto: DischargeResidentBody, request: WriteRequest): Promise<UnitResultDto> {
    const body = await this.idempotency.run(idempotencyContext(request), {
      authorize: (manager) => this.changes.authorizeInstitutionWrite(manager, unitId, request.user),
      work: async (manager, unit) => {
        const stay = await this.stays.find(manager, unitId, dto.stayId);
        if (!stay) {
          throw new InstitutionException(
            'STAY_NOT_FOUND',
            `unit ${unit.name} has no stay ${dto.stayId}; check the stayId the admission answered with`,
          );
        }
        if (stay.dischargedAt) {
          throw new InstitutionException(
            'STAY_ALREADY_DISCHARGED',
            `stay ${dto.stayId} was already discharged at ${stay.dischargedAt.toISOString()} (${stay.dischargeReason})`,
          );
        }
        stay.dischargedAt = new Date();
        stay.dischargeReason = dto.reason;
        await this.stays.saveDischarge(manager, stay);
        // A census may have set the count below the open stays (ADR 0010): never go below zero.
        unit.occupied = Math.max(0, unit.occupied - 1);
        const saved = await this.changes.commit(manager, unit, {
          kind: 'discharge',
          stayId: stay.id,
          referringDistrictCode: stay.referringDistrictCode,
          dischargeReason: dto.reason,
        });
        return { unit: toUnitDto(saved) };
      },
    });
    return body;
  }
}
