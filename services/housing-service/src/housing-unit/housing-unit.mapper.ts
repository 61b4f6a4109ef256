import type { HousingUnitDto } from '@plass/contracts';
import type { HousingUnitEntity } from './housing-unit.entity';

export function toHousingUnitDto(unit: HousingUnitEntity): HousingUnitDto {
  return {
    id: unit.id,
    districtCode: unit.districtCode,
    type: unit.type,
    label: unit.label,
    status: unit.status,
    reason: unit.reason,
    reservedUntil: unit.reservedUntil?.toISOString() ?? null,
    sequence: unit.sequence,
    createdAt: unit.createdAt.toISOString(),
    updatedAt: unit.updatedAt.toISOString(),
  };
}
