import type { UnitDto } from '@plass/contracts';
import { availablePlaces } from '@plass/domain';
import type { UnitEntity } from './unit.entity';

/** A unit as the REST API answers it, with its available places worked out. */
export function toUnitDto(unit: UnitEntity): UnitDto {
  return {
    id: unit.id,
    institutionId: unit.institutionId,
    name: unit.name,
    category: unit.category,
    features: unit.features,
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
