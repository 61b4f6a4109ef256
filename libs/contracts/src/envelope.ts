/** CloudEvents 1.0 structured-mode envelope carried in every Kafka message value (ARCHITECTURE.md §3). */
import { z } from 'zod';
import { plainText } from './free-text';

export const EVENT_TYPE_PREFIX = 'no.oslo.plassoversikt.';

/**
 * The Kafka protocol binding's structured content mode (ADR 0130): every event message carries this
 * header, so a CloudEvents SDK (`Kafka.toEvent`) finds the event in the value. The media type is the
 * JSON event format's.
 */
export const CONTENT_TYPE_HEADER = 'content-type';
export const CLOUDEVENTS_JSON = 'application/cloudevents+json';

/**
 * `sequence` on the wire (ADR 0131): the CloudEvents sequence extension's string, the decimal integer
 * zero-padded to 19 digits (PostgreSQL's bigint, where every sequence and version lives), so that string
 * order is integer order. Consumers read it back as a number.
 */
export const SEQUENCE_DIGITS = 19;

/** The wire form of a sequence: `42` → `"0000000000000000042"`. */
export function formatSequence(sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 0) {
    throw new RangeError(`a sequence is a non-negative safe integer, not ${sequence}`);
  }
  return String(sequence).padStart(SEQUENCE_DIGITS, '0');
}

/**
 * `sequence` as consumers read it, always a number: the string of the sequence extension (decimal digits,
 * padded or not) and the JSON number that events before ADR 0131 carry (the topics keep them for ever and
 * a rebuild replays them). Anything else, a fraction or a sign included, is a contract violation.
 */
export const sequenceSchema = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^[0-9]{1,19}$/, 'sequence must be a string of 1 to 19 decimal digits')
    .transform(Number)
    .pipe(z.number().int().max(Number.MAX_SAFE_INTEGER, 'sequence is larger than this consumer can order')),
]);

/** A CloudEvent as it is sent: the value of a Kafka message, `sequence` in its wire form. */
export interface CloudEvent<TData, TType extends string = string> {
  specversion: '1.0';
  id: string;
  source: string;
  type: TType;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  sequence: string;
  dataschema: string;
  data: TData;
}

/** A CloudEvent as a consumer has it after parsing: `sequence` a number. */
export type ParsedCloudEvent<TData, TType extends string = string> = Omit<
  CloudEvent<TData, TType>,
  'sequence'
> & {
  sequence: number;
};

export function cloudEventSchema<TData extends z.ZodType, TType extends string>(type: TType, data: TData) {
  return z.object({
    specversion: z.literal('1.0'),
    id: plainText(200),
    source: plainText(200),
    type: z.literal(type),
    subject: plainText(200),
    time: z.iso.datetime(),
    datacontenttype: z.literal('application/json'),
    sequence: sequenceSchema,
    dataschema: plainText(200),
    data,
  });
}

export interface NewEvent<TData, TType extends string> {
  source: string;
  type: TType;
  subject: string;
  sequence: number;
  dataschema: string;
  data: TData;
  time?: Date;
}

export function createEvent<TData, TType extends string>(
  e: NewEvent<TData, TType>,
): CloudEvent<TData, TType> {
  return {
    specversion: '1.0',
    // The global Web Crypto (Node and browsers): the dashboard bundles the schemas beside this module.
    id: globalThis.crypto.randomUUID(),
    source: e.source,
    type: e.type,
    subject: e.subject,
    time: (e.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    sequence: formatSequence(e.sequence),
    dataschema: e.dataschema,
    data: e.data,
  };
}

/** Thrown when a payload does not match its contract; carries a readable reason for DLQ headers and logs. */
export class ContractViolation extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ContractViolation';
  }
}

export interface EventContract<T> {
  readonly type: string;
  readonly dataschema: string;
  /** Parses and validates an unknown value; throws ContractViolation with a readable reason. */
  parse(value: unknown): T;
}

export function defineContract<S extends z.ZodType>(
  type: string,
  dataschema: string,
  schema: S,
): EventContract<z.infer<S>> {
  return {
    type,
    dataschema,
    parse(value: unknown) {
      const result = schema.safeParse(value);
      if (!result.success) throw new ContractViolation(z.prettifyError(result.error));
      return result.data;
    },
  };
}
