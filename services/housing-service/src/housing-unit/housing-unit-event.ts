/** Builds the validated `housing-unit.status-changed` outbox message carrying a dwelling's resulting state. */
import {
  createEvent,
  HOUSING_UNIT_STATUS_CHANGED,
  HOUSING_UNIT_STATUS_CHANGED_SCHEMA,
  housingUnitStatusChanged,
  TOPICS,
  type HousingUnitChange,
} from '@plass/contracts';
import type { HousingStatus } from '@plass/domain';
import type { OutgoingMessage } from '@plass/messaging';
import type { HousingUnitEntity } from './housing-unit.entity';

export const SOURCE = '/housing-service';

export function housingUnitChangedMessage(
  unit: HousingUnitEntity,
  previousStatus: HousingStatus | null,
  change: HousingUnitChange,
): OutgoingMessage {
  const event = createEvent({
    source: SOURCE,
    type: HOUSING_UNIT_STATUS_CHANGED,
    subject: unit.id,
    sequence: unit.sequence,
    dataschema: HOUSING_UNIT_STATUS_CHANGED_SCHEMA,
    time: unit.updatedAt,
    data: {
      housingUnitId: unit.id,
      districtCode: unit.districtCode,
      type: unit.type,
      status: unit.status,
      previousStatus,
      ...(unit.reason ? { reason: unit.reason } : {}),
      ...(unit.reservedUntil ? { reservedUntil: unit.reservedUntil.toISOString() } : {}),
      change,
    },
  });
  // A payload that does not match the contract never leaves the producer.
  housingUnitStatusChanged.parse(event);
  return { topic: TOPICS.housingAvailability, key: unit.id, value: JSON.stringify(event) };
}
