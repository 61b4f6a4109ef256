/** Builds the validated `unit.occupancy-changed` outbox message carrying a unit's resulting state. */
import {
  createEvent,
  TOPICS,
  UNIT_OCCUPANCY_CHANGED,
  UNIT_OCCUPANCY_CHANGED_SCHEMA,
  unitOccupancyChanged,
  type OccupancyChange,
} from '@plass/contracts';
import { availablePlaces, type DistrictCode, type ProviderType } from '@plass/domain';
import type { OutgoingMessage } from '@plass/messaging';
import type { UnitEntity } from './unit.entity';

export const SOURCE = '/institution-service';

/** What a unit's event tells about its institution: read in the change's transaction, so a rename shows at once. */
export interface UnitInstitution {
  id: string;
  name: string;
  providerType: ProviderType;
  districtCode: DistrictCode;
}

export function occupancyChangedMessage(
  unit: UnitEntity,
  institution: UnitInstitution,
  change: OccupancyChange,
): OutgoingMessage {
  const event = createEvent({
    source: SOURCE,
    type: UNIT_OCCUPANCY_CHANGED,
    subject: unit.id,
    sequence: unit.sequence,
    dataschema: UNIT_OCCUPANCY_CHANGED_SCHEMA,
    time: unit.updatedAt,
    data: {
      unitId: unit.id,
      unitName: unit.name,
      institutionId: institution.id,
      institutionName: institution.name,
      category: unit.category,
      providerType: institution.providerType,
      districtCode: institution.districtCode,
      capacity: unit.capacity,
      occupied: unit.occupied,
      blocked: unit.blocked,
      reserved: unit.reserved,
      available: availablePlaces(unit),
      closed: unit.closed,
      change,
    },
  });
  // A payload that does not match the contract never leaves the producer.
  unitOccupancyChanged.parse(event);
  return { topic: TOPICS.institutionOccupancy, key: unit.id, value: JSON.stringify(event) };
}
