/** Adds events to the outbox inside the caller's transaction, and wakes the relay on commit. */
import { boundTrace, headersOf, TRACEPARENT_HEADER, type TraceCarrier } from '@plass/observability';
import type { EntityManager } from 'typeorm';
import type { OutgoingMessage } from '../core/producer';
import { OUTBOX_CHANNEL } from './outbox.schema';

/**
 * The headers a row stores: the message's own, and the trace context the transaction continues (the
 * request's, the consumed batch's: `bindTrace`) unless the message carries a `traceparent` of its own
 * (ADR 0153, 0155). Null for none.
 */
export function outboxHeaders(
  message: OutgoingMessage,
  active: TraceCarrier = {},
): Record<string, string> | null {
  const own = message.headers;
  if (own?.[TRACEPARENT_HEADER] !== undefined || active.traceparent === undefined) {
    return own && Object.keys(own).length > 0 ? own : null;
  }
  return { ...own, ...headersOf(active) };
}

export async function enqueueOutbox(manager: EntityManager, messages: OutgoingMessage[]): Promise<void> {
  if (messages.length === 0) return;
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('enqueueOutbox must run inside the transaction that changes the state');
  }
  const active = boundTrace(manager) ?? {};
  // One round trip: the rows (ids in the messages' order, which is the order the relay publishes) and
  // the NOTIFY, delivered only when the transaction commits, so the relay never sees rows that may roll back.
  await manager.query(
    `WITH queued AS (
       INSERT INTO outbox (topic, key, value, headers)
       SELECT m.topic, m.key, m.value, m.headers
         FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) WITH ORDINALITY AS m(topic, key, value, headers, n)
        ORDER BY m.n
     )
     SELECT pg_notify('${OUTBOX_CHANNEL}', '')`,
    [
      messages.map((m) => m.topic),
      messages.map((m) => m.key),
      messages.map((m) => m.value),
      messages.map((m) => {
        const headers = outboxHeaders(m, active);
        return headers ? JSON.stringify(headers) : null;
      }),
    ],
  );
}
