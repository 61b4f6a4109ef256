/** Turns a scope's stored totals into the public `capacity.changed` payload. */
import {
  createEvent,
  CAPACITY_CHANGED,
  CAPACITY_CHANGED_SCHEMA,
  capacityChanged,
  TOPICS,
  type CapacityChangedData,
  type Scope,
} from '@plass/contracts';
import { withTotals } from '@plass/domain';
import type { OutgoingMessage } from '@plass/messaging';
import { headersOf, type TraceCarrier } from '@plass/observability';
import type { ScopeTotalsRow } from '../projection/projection.repository';

/** The scopes demand is counted for: a referral waits for a category, in the city (ADR 0162). */
const WAITING_SCOPES = new Set<string>(['city', 'category']);

export function toSnapshot(row: ScopeTotalsRow): CapacityChangedData {
  return {
    scope: row.scope as Scope,
    id: row.scope_id,
    key: row.scope_key,
    name: row.name,
    // Free places and overcapacity per unit (ADR 0171), not the scope's capacity − occupied − … .
    totals: { ...withTotals(row), available: row.free, overCapacity: row.over_capacity },
    ...(WAITING_SCOPES.has(row.scope) ? { waiting: row.waiting } : {}),
    version: Number(row.version),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** `trace`: the trace the change continues, when not the active span's (the outbox's default). */
export function capacityChangedMessage(snapshot: CapacityChangedData, trace?: TraceCarrier): OutgoingMessage {
  const event = createEvent({
    source: '/capacity-service',
    type: CAPACITY_CHANGED,
    subject: snapshot.key,
    sequence: snapshot.version,
    dataschema: CAPACITY_CHANGED_SCHEMA,
    data: snapshot,
  });
  capacityChanged.parse(event);
  const message = { topic: TOPICS.capacityChanged, key: snapshot.key, value: JSON.stringify(event) };
  return trace?.traceparent ? { ...message, headers: headersOf(trace) } : message;
}
