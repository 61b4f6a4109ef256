/** Builds the validated `housing-need.changed` outbox message carrying a district's whole need. */
import {
  createEvent,
  HOUSING_NEED_CHANGED,
  HOUSING_NEED_CHANGED_SCHEMA,
  housingNeedChanged,
  housingNeedKey,
  TOPICS,
  type HousingNeeds,
} from '@plass/contracts';
import type { DistrictCode } from '@plass/domain';
import type { OutgoingMessage } from '@plass/messaging';
import { SOURCE } from '../housing-unit/housing-unit-event';

export function housingNeedChangedMessage(
  districtCode: DistrictCode,
  needs: HousingNeeds,
  sequence: number,
  time: Date,
): OutgoingMessage {
  const key = housingNeedKey(districtCode);
  const event = createEvent({
    source: SOURCE,
    type: HOUSING_NEED_CHANGED,
    subject: key,
    sequence,
    dataschema: HOUSING_NEED_CHANGED_SCHEMA,
    time,
    data: { districtCode, needs },
  });
  // A payload that does not match the contract never leaves the producer.
  housingNeedChanged.parse(event);
  return { topic: TOPICS.housingAvailability, key, value: JSON.stringify(event) };
}
