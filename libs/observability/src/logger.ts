/** Structured JSON logging with pino, and an adapter so NestJS's own messages are structured too. */
import type { LoggerService } from '@nestjs/common';
import pino from 'pino';
import type { DestinationStream, Level, Logger } from 'pino';

const LEVELS = new Set<string>([...Object.keys(pino.levels.values), 'silent']);

/** Reads LOG_LEVEL (default `info`); an unknown value stops the service with a message naming it. */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const level = env.LOG_LEVEL?.trim() || 'info';
  if (!LEVELS.has(level)) {
    throw new Error(`LOG_LEVEL must be one of ${[...LEVELS].join(', ')}; got "${level}"`);
  }
  return level;
}

/** A pino logger writing one JSON object per line to stdout (or `destination`, for tests). */
export function createLogger(service: string, destination?: DestinationStream): Logger {
  const options = {
    level: logLevelFromEnv(),
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
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
