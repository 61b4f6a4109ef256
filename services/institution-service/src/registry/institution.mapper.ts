import type { InstitutionDto } from '@plass/contracts';
import { toUnitDto, type UnitEntity } from '../unit';
import type { InstitutionEntity } from './institution.entity';

export function toInstitutionDto(institution: InstitutionEntity, units: UnitEntity[]): InstitutionDto {
  return {
    id: institution.id,
    name: institution.name,
    providerType: institution.providerType,
    districtCode: institution.districtCode,
    units: units.map(toUnitDto),
  };
}
