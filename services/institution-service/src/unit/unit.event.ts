/** Builds the validated `unit.occupancy-changed` outbox message carrying a unit's resulting state. */
import {
  createEvent,
  TOPICS,
  UNIT_OCCUPANCY_CHANGED,
  UNIT_OCCUPANCY_CHANGED_SCHEMA,
  unitOccupancyChanged,
  type OccupancyChange,
  type UnitOccupancyChangedData,
} from '@plass/contracts';
import { availablePlaces, type DistrictCode, type ProviderType, type UnitFeature } from '@plass/domain';
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

/** What this producer writes: `features` is optional in the contract only for older messages (ADR 0154). */
type ProducedData = UnitOccupancyChangedData & { features: UnitFeature[] };

export function occupancyChangedMessage(
  unit: UnitEntity,
  institution: UnitInstitution,
  change: OccupancyChange,
): OutgoingMessage {
  const data: ProducedData = {
    unitId: unit.id,
    unitName: unit.name,
    institutionId: institution.id,
    institutionName: institution.name,
    category: unit.category,
    features: unit.features,
    providerType: institution.providerType,
    districtCode: institution.districtCode,
    capacity: unit.capacity,
    occupied: unit.occupied,
    blocked: unit.blocked,
    reserved: unit.reserved,
    available: availablePlaces(unit),
    closed: unit.closed,
    change,
  };
  const event = createEvent({
    source: SOURCE,
    type: UNIT_OCCUPANCY_CHANGED,
    subject: unit.id,
    sequence: unit.sequence,
    dataschema: UNIT_OCCUPANCY_CHANGED_SCHEMA,
    time: unit.updatedAt,
    data,
  });
  // A payload that does not match the contract never leaves the producer.
  unitOccupancyChanged.parse(event);
  return { topic: TOPICS.institutionOccupancy, key: unit.id, value: JSON.stringify(event) };
}
