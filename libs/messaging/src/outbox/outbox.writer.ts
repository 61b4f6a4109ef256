/** Adds events to the outbox inside the caller's transaction, and wakes the relay on commit. */
import type { EntityManager } from 'typeorm';
import type { OutgoingMessage } from '../core/producer';
import { OUTBOX_CHANNEL } from './outbox.schema';

export async function enqueueOutbox(manager: EntityManager, messages: OutgoingMessage[]): Promise<void> {
  if (messages.length === 0) return;
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('enqueueOutbox must run inside the transaction that changes the state');
  }
  const params: unknown[] = [];
  const rows = messages.map((m, i) => {
    params.push(m.topic, m.key, m.value, m.headers ? JSON.stringify(m.headers) : null);
    return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4}::jsonb)`;
  });
  await manager.query(`INSERT INTO outbox (topic, key, value, headers) VALUES ${rows.join(', ')}`, params);
  // Delivered only when the transaction commits, so the relay never sees rows that may roll back.
  await manager.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
}
