import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { InstitutionDto, UnitDto } from '@plass/contracts';
import type { AuthUser } from '@plass/auth';
import { enqueueOutbox } from '@plass/messaging';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { InstitutionException } from '../institution.exception';
import { occupancyChangedMessage } from '../occupancy/occupancy-event';
import type { CreateInstitutionDto } from './dto/create-institution.dto';
import type { CreateUnitDto } from './dto/create-unit.dto';
import { InstitutionEntity } from './institution.entity';
import { RegistryRepository } from './registry.repository';
import { UnitEntity } from './unit.entity';
import { toInstitutionDto, toUnitDto } from './unit.mapper';

export interface WriteRequest {
  user: AuthUser;
  idempotencyKey: string | undefined;
  method: string;
  path: string;
}

@Injectable()
export class RegistryService {
  constructor(
    @Inject(RegistryRepository) private readonly registry: RegistryRepository,
    @Inject(IdempotencyService) private readonly idempotency: IdempotencyService,
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
    const unit = await this.registry.findUnit(id);
    if (!unit) throw new InstitutionException('UNIT_NOT_FOUND', `no unit has id ${id}`);
    return toUnitDto(unit);
  }

  async createInstitution(dto: CreateInstitutionDto, request: WriteRequest): Promise<InstitutionDto> {
    const { body } = await this.idempotency.run(this.context(request), async (manager) => {
      const institution = await this.registry.insertInstitution(
        manager,
        Object.assign(new InstitutionEntity(), { id: randomUUID(), ...dto }),
      );
      return toInstitutionDto(institution, []);
    });
    return body;
  }

  /** Registers a unit; its first event (`registered`, sequence 1) tells the read model it exists. */
  async createUnit(institutionId: string, dto: CreateUnitDto, request: WriteRequest): Promise<UnitDto> {
    const { body } = await this.idempotency.run(this.context(request), async (manager) => {
      const institution = await this.registry.findInstitution(institutionId, manager);
      if (!institution) {
        throw new InstitutionException('INSTITUTION_NOT_FOUND', `no institution has id ${institutionId}`);
      }
      const unit = await this.registry.saveUnit(
        manager,
        Object.assign(new UnitEntity(), {
          id: randomUUID(),
          institutionId,
          name: dto.name,
          category: dto.category,
          capacity: dto.capacity,
          occupied: 0,
          blocked: 0,
          reserved: 0,
          closed: false,
          sequence: 1,
        }),
      );
      await enqueueOutbox(manager, [occupancyChangedMessage(unit, institution, { kind: 'registered' })]);
      return toUnitDto(unit);
    });
    return body;
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
