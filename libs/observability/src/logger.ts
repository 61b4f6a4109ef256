/** Structured JSON logging with pino, and an adapter so NestJS's own messages are structured too. */
import type { LoggerService } from '@nestjs/common';
import pino from 'pino';
import type { DestinationStream, Level, Logger } from 'pino';
import { spanIdsOf, type TraceCarrier } from './tracing/trace-context';

const LEVELS = new Set<string>([...Object.keys(pino.levels.values), 'silent']);

/** Reads LOG_LEVEL (default `info`); an unknown value stops the service with a message naming it. */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const level = env.LOG_LEVEL?.trim() || 'info';
  if (!LEVELS.has(level)) {
    throw new Error(`LOG_LEVEL must be one of ${[...LEVELS].join(', ')}; got "${level}"`);
  }
  return level;
}

/** What a database error carries of the data it was given: values, the failing row, the context. */
const DATA_FIELDS = ['parameters', 'detail', 'where', 'internalQuery'];

/** A database error: TypeORM's QueryFailedError (query, driverError) or pg's DatabaseError (severity, SQLSTATE). */
function isDatabaseError(e: Record<string, unknown>): boolean {
  return (
    'query' in e ||
    'driverError' in e ||
    (typeof e.severity === 'string' && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code))
  );
}

/** pg quotes the offending value in a data exception (SQLSTATE class 22): `… for type uuid: "x"`. */
const quotedValue = (text: unknown) =>
  typeof text === 'string' ? text.replace(/"(?:[^"\\]|\\.)*"/g, '"[redacted]"') : text;

/** Redacts in place; recurses only into nested errors pino serialized afresh, never into the error itself. */
function redactDatabaseData(e: Record<string, unknown>, depth: number): void {
  if (depth > 3) return;
  if ('parameters' in e) {
    e.parameters = Array.isArray(e.parameters) ? `[${e.parameters.length} redacted]` : '[redacted]';
  }
  if (isDatabaseError(e)) {
    for (const field of DATA_FIELDS) if (field in e && field !== 'parameters') e[field] = '[redacted]';
    if (typeof e.code === 'string' && e.code.startsWith('22')) {
      e.message = quotedValue(e.message);
      e.stack = quotedValue(e.stack);
    }
  }
  for (const [key, value] of Object.entries(e)) {
    const serializedError =
      typeof value === 'object' &&
      value !== null &&
      Object.getPrototypeOf(value) === Object.getPrototypeOf(e);
    if (key !== 'raw' && serializedError) {
      redactDatabaseData(value as Record<string, unknown>, depth + 1);
    }
  }
}

/**
 * pino's error serializer, without the data a failed query carries: its parameters, pg's `detail`
 * (the failing row, the duplicate key) and a data exception's quoted value. The SQL text stays: every
 * query is parameterised, so it holds no values, and it is what makes a 500 debuggable (ADR 0110).
 */
export function serializeError(error: unknown): unknown {
  const serialized: unknown = pino.stdSerializers.err(error as Error);
  if (serialized === error || typeof serialized !== 'object' || serialized === null) return serialized;
  redactDatabaseData(serialized as Record<string, unknown>, 0);
  return serialized;
}

/**
 * `trace_id` and `span_id` of the work a log line is about (the request's, the consumed batch's), to spread
 * into the line's fields, so a log line can be found from a trace and the other way round (ADR 0153, 0155).
 */
export function traceLogFields(carrier: TraceCarrier | undefined): { trace_id?: string; span_id?: string } {
  const ids = spanIdsOf(carrier);
  return ids ? { trace_id: ids.traceId, span_id: ids.spanId } : {};
}

/** A pino logger writing one JSON object per line to stdout (or `destination`, for tests). */
export function createLogger(service: string, destination?: DestinationStream): Logger {
  const options = {
    level: logLevelFromEnv(),
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    serializers: { err: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Nest's stack traces look like "Error: ...\n    at file:1:2". */
function isStack(value: unknown): value is string {
  return typeof value === 'string' && /\n\s+at .+/.test(value);
}

/**
 * Adapts Nest's logger calls — `log(message, context)`, `error(message, stack, context)` —
 * so that `NestFactory.create(AppModule, { logger: new PinoNestLogger(logger) })` logs structured.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const rest = [...params];
    const fields: Record<string, unknown> = {};
    // Nest appends the context last; an error call may carry a stack before it.
    if (rest.length > 0 && typeof rest[rest.length - 1] === 'string' && !isStack(rest[rest.length - 1])) {
      fields.context = rest.pop();
    }
    const stack = rest.find(isStack);
    if (stack !== undefined) fields.stack = stack;
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, ...message });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}
