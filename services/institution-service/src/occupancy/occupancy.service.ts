/** Admissions and discharges: each locks the unit, changes it, and adds its event to the outbox in one transaction. */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '@plass/auth';
import type {
  AdmissionResultDto,
  AdmitResidentBody,
  DischargeResidentBody,
  StayCorrectionBody,
  StayDto,
  UnitResultDto,
} from '@plass/contracts';
import { availablePlaces } from '@plass/domain';
import {
  assertWithinWindow,
  effectiveAtOf,
  effectiveTime,
  requireNotAfter,
  requireNotBefore,
  type BackdatePolicy,
} from '../common/effective-time';
import { requireDateAhead } from '../common/time';
import { INSTITUTION_CONFIG, type InstitutionConfig } from '../config';
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
    @Inject(INSTITUTION_CONFIG) private readonly config: InstitutionConfig,
  ) {}

  private policy(request: WriteRequest): BackdatePolicy {
    return { user: request.user, windowDays: this.config.backdateWindowDays };
  }

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
    const admitted = effectiveTime('admittedAt', dto.admittedAt, this.policy(request));
    const body = await this.idempotency.run(idempotencyContext(request), {
      authorize: (manager) => this.changes.authorizeInstitutionWrite(manager, unitId, request.user),
      work: async (manager, unit) => {
        assertOpen(unit);
        requireNotBefore('admittedAt', admitted.at, unit.openedAt, `the opening of unit ${unit.name}`);
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
            admittedAt: admitted.at,
            plannedDischargeDate,
            dischargedAt: null,
            dischargeReason: null,
            reservationId: dto.reservationId ?? null,
          }),
        );
        unit.occupied += 1;
        const saved = await this.changes.commit(manager, unit, {
          kind: 'admission',
          ...effectiveAtOf(admitted),
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
    const discharged = effectiveTime('dischargedAt', dto.dischargedAt, this.policy(request));
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
        requireNotBefore('dischargedAt', discharged.at, stay.admittedAt, `the admission of stay ${stay.id}`);
        stay.dischargedAt = discharged.at;
        stay.dischargeReason = dto.reason;
        await this.stays.saveDischarge(manager, stay);
        // A census may have set the count below the open stays (ADR 0010): never go below zero.
        unit.occupied = Math.max(0, unit.occupied - 1);
        const saved = await this.changes.commit(manager, unit, {
          kind: 'discharge',
          ...effectiveAtOf(discharged),
          stayId: stay.id,
          referringDistrictCode: stay.referringDistrictCode,
          dischargeReason: dto.reason,
        });
        return { unit: toUnitDto(saved) };
      },
    });
    return body;
  }

  /**
   * Moves a stay's admission or discharge to the right time (ADR 0214): counts unchanged, sequence + 1, one
   * `corrected` event. Both the old and the new time must lie within the writer's window; the same time
   * again changes nothing.
   */
  async correct(
    unitId: string,
    stayId: string,
    dto: StayCorrectionBody,
    request: WriteRequest,
  ): Promise<UnitResultDto> {
    const policy = this.policy(request);
    const field = dto.admittedAt !== undefined ? 'admittedAt' : 'dischargedAt';
    const corrected = effectiveTime(field, dto.admittedAt ?? dto.dischargedAt, policy);
    const body = await this.idempotency.run(idempotencyContext(request), {
      authorize: (manager) => this.changes.authorizeInstitutionWrite(manager, unitId, request.user),
      work: async (manager, unit) => {
        const stay = await this.stays.find(manager, unitId, stayId);
        if (!stay) {
          throw new InstitutionException('STAY_NOT_FOUND', `unit ${unit.name} has no stay ${stayId}`);
        }
        const previous = field === 'admittedAt' ? stay.admittedAt : stay.dischargedAt;
        if (!previous) {
          throw new InstitutionException(
            'STAY_NOT_DISCHARGED',
            `stay ${stayId} is not discharged; discharge it (with dischargedAt) instead of correcting it`,
          );
        }
        assertWithinWindow(`the recorded ${field}`, previous, policy);
        if (field === 'admittedAt') {
          requireNotBefore(field, corrected.at, unit.openedAt, `the opening of unit ${unit.name}`);
          if (stay.dischargedAt) {
            requireNotAfter(field, corrected.at, stay.dischargedAt, `the discharge of stay ${stayId}`);
          }
        } else {
          requireNotBefore(field, corrected.at, stay.admittedAt, `the admission of stay ${stayId}`);
        }
        if (previous.getTime() === corrected.at.getTime()) return { unit: toUnitDto(unit) };
        if (field === 'admittedAt') stay.admittedAt = corrected.at;
        else stay.dischargedAt = corrected.at;
        await this.stays.saveTimes(manager, stay);
        const saved = await this.changes.commit(manager, unit, {
          kind: 'corrected',
          effectiveAt: corrected.at.toISOString(),
          correction: {
            of: field === 'admittedAt' ? 'admission' : 'discharge',
            previousEffectiveAt: previous.toISOString(),
            reason: dto.reason,
          },
          stayId: stay.id,
          referringDistrictCode: stay.referringDistrictCode,
        });
        return { unit: toUnitDto(saved) };
      },
    });
    return body;
  }
}
