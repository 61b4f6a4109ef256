/** Turns a district's housing into its validated `housing.changed` outbox message on capacity.changed.v1. */
import {
  createEvent,
  HOUSING_CHANGED,
  HOUSING_CHANGED_SCHEMA,
  housingChanged,
  TOPICS,
  type HousingChangedData,
} from '@plass/contracts';
import type { OutgoingMessage } from '@plass/messaging';

export function housingChangedMessage(data: HousingChangedData): OutgoingMessage {
  const event = createEvent({
    source: '/capacity-service',
    type: HOUSING_CHANGED,
    subject: data.key,
    sequence: data.version,
    dataschema: HOUSING_CHANGED_SCHEMA,
    data,
  });
  // A payload that does not match the contract never leaves the producer.
  housingChanged.parse(event);
  return { topic: TOPICS.capacityChanged, key: data.key, value: JSON.stringify(event) };
}
