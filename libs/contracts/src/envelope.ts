/** CloudEvents 1.0 structured-mode envelope carried in every Kafka message value (ARCHITECTURE.md §3). */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { plainText } from './free-text';

export const EVENT_TYPE_PREFIX = 'no.oslo.plassoversikt.';

export interface CloudEvent<TData, TType extends string = string> {
  specversion: '1.0';
  id: string;
  source: string;
  type: TType;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  sequence: number;
  dataschema: string;
  data: TData;
}

export function cloudEventSchema<TData extends z.ZodType, TType extends string>(type: TType, data: TData) {
  return z.object({
    specversion: z.literal('1.0'),
    id: plainText(200),
    source: plainText(200),
    type: z.literal(type),
    subject: plainText(200),
    time: z.iso.datetime(),
    datacontenttype: z.literal('application/json'),
    sequence: z.number().int().nonnegative(),
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
    id: randomUUID(),
    source: e.source,
    type: e.type,
    subject: e.subject,
    time: (e.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    sequence: e.sequence,
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
