/**
 * Forged events (issue 12, item 1): a schema-valid `unit.occupancy-changed` with a unit's next sequence,
 * sent by a client that does not authenticate and by principals without the ACL on the occupancy topic.
 * The broker must refuse every one (ADR 0100); had one got through, the read model would hold it and drop
 * the real event with that sequence as a duplicate — drift the invariant check catches.
 */
import { randomUUID } from 'node:crypto';
import {
  CLOUDEVENTS_JSON,
  CONTENT_TYPE_HEADER,
  formatSequence,
  TOPICS,
  unitOccupancyChanged,
} from '@plass/contracts';
import { Messaging, silentLogger, type KafkaSasl } from '@plass/messaging';
import { startKafkaProbe } from '@plass/testing';
import type { FaultSpec } from '../faults';
import { sql, type FaultContext } from '../invariant';

interface Forgery {
  key: string;
  value: string;
  unitId: string;
  sequence: number;
}

/** A real occupancy event of a unit, given the sequence after the unit's current one and a new id. */
async function forgeNextEvent(ctx: FaultContext): Promise<Forgery> {
  type Event = Record<string, unknown> & { subject?: string };
  // Only valid events: the topic also holds the malformed messages an earlier row injected.
  const probe = await startKafkaProbe<Event>(ctx.messaging, TOPICS.institutionOccupancy, {
    parse: (value) => {
      unitOccupancyChanged.parse(value);
      return value as Event;
    },
    skipInvalid: true,
  });
  let real: { key: string | null; value: Event };
  try {
    await probe.waitFor(() => true, { count: 1, timeoutMs: 20_000 });
    real = probe.messages[probe.messages.length - 1];
  } finally {
    await probe.stop();
  }
  const unitId = real.value.subject ?? real.key ?? ctx.world.units[0].id;
  const [row] = await sql<{ sequence: string }>(
    ctx,
    'capacity',
    'SELECT sequence FROM unit_state WHERE unit_id = $1',
    [unitId],
  );
  const sequence = Number(row?.sequence ?? 0) + 1;
  return {
    key: unitId,
    unitId,
    sequence,
    value: JSON.stringify({ ...real.value, id: randomUUID(), sequence: formatSequence(sequence) }),
  };
}

/** Sends the forgery as `sasl` (undefined: without authentication); the broker's refusal, or null if it took it. */
async function sendForged(
  ctx: FaultContext,
  forgery: Forgery,
  sasl: KafkaSasl | undefined,
): Promise<string | null> {
  const messaging = new Messaging(
    {
      brokers: ctx.settings.kafkaBrokers.split(','),
      clientId: `forger-${sasl?.username ?? 'anonymous'}`,
      sasl,
      topicPrefix: ctx.settings.kafkaTopicPrefix,
      partitions: 1,
      replicationFactor: 1,
    },
    silentLogger,
  );
  // The services' producer settings; one retry (an idempotent producer needs one), refusals are final.
  const producer = messaging.kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    retry: { retries: 1, initialRetryTime: 100 },
  });
  try {
    await producer.connect();
    await producer.send({
      topic: messaging.topic(TOPICS.institutionOccupancy),
      acks: -1,
      // As the services send it (ADR 0130), so that only the principal tells it from a real event.
      messages: [
        { key: forgery.key, value: forgery.value, headers: { [CONTENT_TYPE_HEADER]: CLOUDEVENTS_JSON } },
      ],
    });
    return null;
  } catch (error) {
    const e = error as Error & { type?: string };
    return `${e.type ?? e.name}: ${e.message}`;
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

function refusedRow(
  key: string,
  title: string,
  senders: (ctx: FaultContext) => [string, KafkaSasl | undefined][],
): FaultSpec {
  return {
    key,
    title,
    async inject(ctx, notes, problems) {
      const forgery = await forgeNextEvent(ctx);
      for (const [who, sasl] of senders(ctx)) {
        const refusal = await sendForged(ctx, forgery, sasl);
        if (refusal === null) {
          problems.push(
            `the broker accepted a forged event from ${who} (unit ${forgery.unitId}, sequence ${forgery.sequence})`,
          );
        } else {
          notes.push(`${who}: refused (${refusal})`);
        }
      }
      ctx.log(`  forged unit.occupancy-changed (sequence ${forgery.sequence}) sent; ${notes.join('; ')}`);
      return { healedAt: Date.now() };
    },
  };
}

export const FORGED_UNAUTHENTICATED: FaultSpec = refusedRow(
  'forged-unauthenticated',
  'forged event from a client that does not authenticate',
  () => [['an unauthenticated client', undefined]],
);

export const FORGED_UNAUTHORIZED: FaultSpec = refusedRow(
  'forged-unauthorized',
  'forged event from principals without the ACL (gateway, housing-service)',
  (ctx) => [
    ['gateway', ctx.settings.kafkaCredentials.gateway],
    ['housing-service', ctx.settings.kafkaCredentials['housing-service']],
  ],
);
