/** Turns an alert after a transition into its validated outbox message on capacity.alerts.v1. */
import {
  ALERT_EVENT_TYPES,
  ALERT_SCHEMA,
  createEvent,
  parseAlertEvent,
  TOPICS,
  type AlertData,
  type AlertTransition,
} from '@plass/contracts';
import type { OutgoingMessage } from '@plass/messaging';

export function alertMessage(alert: AlertData, transition: AlertTransition, at: Date): OutgoingMessage {
  const event = createEvent({
    source: '/capacity-service',
    type: ALERT_EVENT_TYPES[transition],
    subject: alert.id,
    sequence: alert.version,
    dataschema: ALERT_SCHEMA,
    time: at,
    data: alert,
  });
  // A payload that does not match the contract never leaves the producer.
  parseAlertEvent(event);
  return { topic: TOPICS.capacityAlerts, key: alert.id, value: JSON.stringify(event) };
}
