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
import type { ScopeTotalsRow } from '../projection/projection.repository';

export function toSnapshot(row: ScopeTotalsRow): CapacityChangedData {
  return {
    scope: row.scope as Scope,
    id: row.scope_id,
    key: row.scope_key,
    name: row.name,
    totals: withTotals(row),
    version: Number(row.version),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function capacityChangedMessage(snapshot: CapacityChangedData): OutgoingMessage {
  const event = createEvent({
    source: '/capacity-service',
    type: CAPACITY_CHANGED,
    subject: snapshot.key,
    sequence: snapshot.version,
    dataschema: CAPACITY_CHANGED_SCHEMA,
    data: snapshot,
  });
  capacityChanged.parse(event);
  return { topic: TOPICS.capacityChanged, key: snapshot.key, value: JSON.stringify(event) };
}
