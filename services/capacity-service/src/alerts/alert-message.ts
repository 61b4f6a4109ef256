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
import { headersOf, type TraceCarrier } from '@plass/observability';

/** `trace`: the trace the transition continues, when not the active span's (the outbox's default). */
export function alertMessage(
  alert: AlertData,
  transition: AlertTransition,
  at: Date,
  trace?: TraceCarrier,
): OutgoingMessage {
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
  const message = { topic: TOPICS.capacityAlerts, key: alert.id, value: JSON.stringify(event) };
  return trace?.traceparent ? { ...message, headers: headersOf(trace) } : message;
}
