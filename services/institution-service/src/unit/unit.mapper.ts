import type { InstitutionDto, UnitDto } from '@plass/contracts';
import { availablePlaces } from '@plass/domain';
import type { InstitutionEntity } from '../registry/institution.entity';
import type { UnitEntity } from './unit.entity';

export function toUnitDto(unit: UnitEntity): UnitDto {
  return {
    id: unit.id,
    institutionId: unit.institutionId,
    name: unit.name,
    category: unit.category,
    capacity: unit.capacity,
    occupied: unit.occupied,
    blocked: unit.blocked,
    reserved: unit.reserved,
    available: availablePlaces(unit),
    closed: unit.closed,
    sequence: unit.sequence,
    updatedAt: unit.updatedAt.toISOString(),
  };
}

export function toInstitutionDto(institution: InstitutionEntity, units: UnitEntity[]): InstitutionDto {
  return {
    id: institution.id,
    name: institution.name,
    providerType: institution.providerType,
    districtCode: institution.districtCode,
    units: units.map(toUnitDto),
  };
}
