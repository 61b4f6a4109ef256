/**
 * The Kafka headers of the contract, as zod schemas like the payloads: the CloudEvents Kafka protocol
 * binding's `content-type` on every event, the W3C trace context of the request that caused it
 * (`traceparent`, `tracestate`, ADR 0153), and the `x-dlq-*` headers a consumer puts on a dead letter
 * (libs/messaging's BatchConsumer; its unit test checks every dead letter against this schema).
 * Kafka header values are bytes; all of these are UTF-8 text.
 */
import { z } from 'zod';
import { CLOUDEVENTS_JSON } from '../envelope';

/** W3C Trace Context `traceparent`, version 00: `00-<trace id>-<parent span id>-<flags>`. */
export const traceparentSchema = z
  .string()
  .regex(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/)
  .meta({
    description:
      'W3C Trace Context (version 00): the trace of the request that caused the event and the span it ' +
      'continues from. Absent on events written before tracing (ADR 0153) and on events a scheduled job ' +
      'caused outside any request.',
    examples: ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
  });

/** W3C Trace Context `tracestate`: vendor entries, passed on as they came with the request. */
export const tracestateSchema = z.string().max(512).meta({
  description:
    'W3C Trace Context `tracestate` of the same trace, as the caller sent it; only with a `traceparent`.',
});

export const cloudEventsKafkaHeadersSchema = z.object({
  'content-type': z.literal(CLOUDEVENTS_JSON).meta({
    description:
      'CloudEvents Kafka protocol binding, structured mode: the value is the whole event as JSON. ' +
      'Messages written before the header was introduced have none; the value says the same.',
  }),
  traceparent: traceparentSchema.optional(),
  tracestate: tracestateSchema.optional(),
});

const decimal = z.string().regex(/^\d+$/);

/** Every header of a dead letter; `x-dlq-error-code` only when the database gave one. */
export const deadLetterHeadersSchema = z.strictObject({
  'x-dlq-reason': z
    .string()
    .max(2000)
    .meta({ description: 'Why the message failed, readable, without the data of the message.' }),
  'x-dlq-kind': z.enum(['invalid', 'refused']).meta({
    description:
      '`invalid`: the value did not match its contract (or was not JSON); `refused`: it matched, but ' +
      'the handler failed on it deterministically (a data or constraint error, a refused message).',
  }),
  'x-dlq-error-code': z
    .string()
    .min(1)
    .optional()
    .meta({ description: "PostgreSQL's SQLSTATE when the database refused the data (e.g. 22021)." }),
  'x-dlq-source-topic': z.string().min(1).meta({ description: 'The topic the message was read from.' }),
  'x-dlq-source-partition': decimal.meta({ description: 'Its partition there.' }),
  'x-dlq-source-offset': decimal.meta({ description: 'Its offset there.' }),
  'x-dlq-original-size': decimal.meta({ description: 'Bytes of the original value.' }),
  'x-dlq-original-key-size': decimal.meta({ description: 'Bytes of the original key.' }),
  'x-dlq-truncated': z.enum(['true', 'false']).meta({
    description:
      '`true` when the key or value was cut to fit the dead-letter topic (1 KiB key, ~1 MiB value).',
  }),
  'x-dlq-failed-at': z.iso.datetime().meta({ description: 'When it was dead-lettered (ISO 8601, UTC).' }),
});

export type DeadLetterHeaders = z.infer<typeof deadLetterHeadersSchema>;

/**
 * A dead letter's headers as they arrive: the `x-dlq-*` ones, its source's trace context when the source had
 * a valid one, and, on a whole letter, its source's content-type.
 */
export const deadLetterMessageHeadersSchema = deadLetterHeadersSchema.extend({
  traceparent: traceparentSchema.optional(),
  tracestate: tracestateSchema.optional(),
  'content-type': z
    .string()
    .max(200)
    .optional()
    .meta({
      description:
        "The source message's content-type, kept when the dead letter is whole (so a structured-mode event " +
        'still reads as one); a truncated dead letter has none.',
    }),
});

/** The names of the dead-letter headers, in the order of the schema. */
export const DEAD_LETTER_HEADERS = Object.keys(deadLetterHeadersSchema.shape) as (keyof DeadLetterHeaders)[];
