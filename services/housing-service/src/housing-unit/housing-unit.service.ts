/** Registering dwellings and changing their status: each change locks the unit, bumps its sequence and adds its event to the outbox in one transaction. */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { canManageDistrictHousing, type AuthUser } from '@plass/auth';
import type {
  ChangeHousingStatusRequest,
  HousingUnitDto,
  ListHousingUnitsQuery,
  RegisterHousingUnitRequest,
} from '@plass/contracts';
import { districtName, type DistrictCode } from '@plass/domain';
import { enqueueOutbox } from '@plass/messaging';
import { QueryFailedError } from 'typeorm';
import { HousingException } from '../housing.exception';
import { IdempotencyService } from '@plass/persistence';
import { idempotentWrite, type WriteRequest } from '../write-request';
import { housingUnitChangedMessage } from './housing-unit-event';
import { HousingUnitEntity } from './housing-unit.entity';
import { toHousingUnitDto } from './housing-unit.mapper';
import { HousingUnitRepository } from './housing-unit.repository';
import { ReservationExpiryScheduler } from './reservation-expiry.scheduler';
import { applyStatusChange, checkStatusRequest, type StatusChangeRequest } from './status-transition';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class HousingUnitService {
  constructor(
    @Inject(HousingUnitRepository) private readonly units: HousingUnitRepository,
    @Inject(IdempotencyService) private readonly idempotency: IdempotencyService,
    @Inject(ReservationExpiryScheduler) private readonly expiry: ReservationExpiryScheduler,
  ) {}

  async list(query: ListHousingUnitsQuery): Promise<HousingUnitDto[]> {
    const units = await this.units.list({
      ...(query.districtCode ? { districtCode: query.districtCode } : {}),
      ...(query.type ? { type: query.type } : {}),
      ...(query.status ? { status: query.status } : {}),
    });
    return units.map(toHousingUnitDto);
  }

  async get(id: string): Promise<HousingUnitDto> {
    const unit = await this.units.find(id);
    if (!unit) throw notFound(id);
    return toHousingUnitDto(unit);
  }

  /** Registers a vacant dwelling; its first event (`registered`, sequence 1) tells consumers it exists. */
  register(body: RegisterHousingUnitRequest, request: WriteRequest): Promise<HousingUnitDto> {
    return this.idempotency.run(idempotentWrite(request), {
      authorize: () => {
        assertMayManage(request.user, body.districtCode);
        return Promise.resolve();
      },
      work: async (manager) => {
        const now = new Date();
        const unit = Object.assign(new HousingUnitEntity(), {
          id: randomUUID(),
          districtCode: body.districtCode,
          type: body.type,
          label: body.label ?? null,
          status: 'vacant',
          reason: null,
          reservedUntil: null,
          sequence: 1,
          createdAt: now,
          updatedAt: now,
        } satisfies HousingUnitEntity);
        try {
          // A savepoint, so that a taken label leaves the transaction usable for the error.
          await manager.transaction((inner) => this.units.insert(inner, unit));
        } catch (error) {
          if (isUniqueViolation(error)) {
            throw new HousingException(
              'LABEL_TAKEN',
              `${districtName(body.districtCode)} already has a dwelling labelled ${body.label ?? ''}`,
              { label: body.label },
            );
          }
          throw error;
        }
        await enqueueOutbox(manager, [housingUnitChangedMessage(unit, null, 'registered')]);
        return toHousingUnitDto(unit);
      },
    });
  }

  async changeStatus(
    id: string,
    body: ChangeHousingStatusRequest,
    request: WriteRequest,
  ): Promise<HousingUnitDto> {
    const change: StatusChangeRequest = {
      status: body.status,
      ...(body.reason !== undefined ? { reason: body.reason } : {}),
      ...(body.reservedUntil !== undefined ? { reservedUntil: new Date(body.reservedUntil) } : {}),
    };
    const result = await this.idempotency.run(idempotentWrite(request), {
      // The dwelling's district decides who may change it: checked before a repeat is answered.
      authorize: async (manager) => {
        const unit = await this.units.lock(manager, id);
        if (!unit) throw notFound(id);
        assertMayManage(request.user, unit.districtCode);
        return unit;
      },
      work: async (manager, unit) => {
        checkStatusRequest(change, new Date());
        const previousStatus = unit.status;
        Object.assign(unit, applyStatusChange(unit, change));
        unit.sequence += 1;
        unit.updatedAt = new Date();
        const saved = await this.units.save(manager, unit);
        await enqueueOutbox(manager, [housingUnitChangedMessage(saved, previousStatus, 'status-changed')]);
        return toHousingUnitDto(saved);
      },
    });
    if (result.status === 'reserved') this.expiry.wake();
    return result;
  }
}

function notFound(id: string): HousingException {
  return new HousingException('HOUSING_UNIT_NOT_FOUND', `no housing unit has id ${id}`);
}

function assertMayManage(user: AuthUser, districtCode: DistrictCode): void {
  if (!canManageDistrictHousing(user, districtCode)) {
    throw new HousingException(
      'NOT_YOUR_DISTRICT',
      `only admin or staff of ${districtName(districtCode)} (${districtCode}) may manage its housing`,
      { districtCode },
    );
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string } | undefined)?.code === UNIQUE_VIOLATION
  );
}
