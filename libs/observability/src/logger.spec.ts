import { QueryFailedError } from 'typeorm';
import { PinoNestLogger, createLogger, logLevelFromEnv, serializeError, traceLogFields } from './logger';
import { memoryLog } from './nest/test-app';
import { inConsumerSpan, spanIdsOf } from './tracing/trace-context';
import { startTracing } from './tracing/tracing';

describe(createLogger.name, () => {
  it('writes one JSON object per line with the service, an ISO time and the level name', () => {
    const log = memoryLog();
    createLogger('institution-service', log).info({ unitId: 'u1', sequence: 3 }, 'admission recorded');
    const [entry] = log.entries();
    expect(entry).toMatchObject({
      level: 'info',
      service: 'institution-service',
      unitId: 'u1',
      sequence: 3,
      msg: 'admission recorded',
    });
    expect(new Date(String(entry.time)).toISOString()).toBe(entry.time);
  });

  it('carries trace_id and span_id of the work it is given, and neither without one', async () => {
    startTracing('logger-test', {});
    const log = memoryLog();
    const logger = createLogger('capacity-service', log);
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const spanId = await inConsumerSpan(
      'process t',
      [{ traceparent: `00-${traceId}-00f067aa0ba902b7-01` }],
      {},
      async (batch) => {
        await Promise.resolve();
        logger.info({ ...traceLogFields(batch), alertId: 'a1' }, 'alert raised');
        return spanIdsOf(batch)?.spanId;
      },
    );
    logger.info(traceLogFields(undefined), 'outside');
    const [inside, outside] = log.entries();
    expect(inside).toMatchObject({ trace_id: traceId, span_id: spanId, alertId: 'a1', msg: 'alert raised' });
    expect(outside).not.toHaveProperty('trace_id');
    expect(outside).not.toHaveProperty('span_id');
  });

  it('leaves out debug lines at the default level', () => {
    const log = memoryLog();
    createLogger('capacity-service', log).debug('details');
    expect(log.entries()).toHaveLength(0);
  });
});

describe(logLevelFromEnv.name, () => {
  it('defaults to info', () => {
    expect(logLevelFromEnv({})).toBe('info');
  });

  it('takes LOG_LEVEL when it names a pino level', () => {
    expect(logLevelFromEnv({ LOG_LEVEL: 'debug' })).toBe('debug');
  });

  it('refuses an unknown level with a message naming LOG_LEVEL', () => {
    expect(() => logLevelFromEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of .*got "loud"/);
  });
});

describe(PinoNestLogger.name, () => {
  function nestLogger() {
    const log = memoryLog();
    return { log, logger: new PinoNestLogger(createLogger('gateway', log)) };
  }

  it('puts the Nest context in a context field', () => {
    const { log, logger } = nestLogger();
    logger.log('Mapped {/health/live, GET} route', 'RouterExplorer');
    expect(log.entries()[0]).toMatchObject({
      level: 'info',
      context: 'RouterExplorer',
      msg: 'Mapped {/health/live, GET} route',
    });
  });

  it('keeps the stack of an error call apart from its context', () => {
    const { log, logger } = nestLogger();
    const stack = 'Error: boom\n    at Object.<anonymous> (/app/main.js:1:2)';
    logger.error('boom', stack, 'ExceptionsHandler');
    expect(log.entries()[0]).toMatchObject({
      level: 'error',
      msg: 'boom',
      stack,
      context: 'ExceptionsHandler',
    });
  });

  it('merges an object message into the line', () => {
    const { log, logger } = nestLogger();
    logger.warn({ msg: 'slow consumer', lagMs: 1200 }, 'Relay');
    expect(log.entries()[0]).toMatchObject({
      level: 'warn',
      msg: 'slow consumer',
      lagMs: 1200,
      context: 'Relay',
    });
  });

  it('serialises an Error message with its stack', () => {
    const { log, logger } = nestLogger();
    logger.fatal(new Error('cannot bind port'));
    expect(log.entries()[0]).toMatchObject({
      level: 'fatal',
      msg: 'cannot bind port',
      err: { type: 'Error' },
    });
    expect(JSON.stringify(log.entries()[0].err)).toContain('logger.spec');
  });

  it('maps verbose to trace, which the default level leaves out', () => {
    const { log, logger } = nestLogger();
    logger.verbose('noise', 'InstanceLoader');
    expect(log.entries()).toHaveLength(0);
  });
});

describe(serializeError.name, () => {
  /** What TypeORM throws when PostgreSQL refuses a NUL in a parameter, as the pg driver reports it. */
  function queryFailed(code: string, message: string, detail?: string): QueryFailedError {
    const driverError = Object.assign(new Error(message), {
      severity: 'ERROR',
      code,
      detail,
      where: "unnamed portal parameter $2 = '...'",
    });
    return new QueryFailedError(
      'INSERT INTO "institution"("id", "name") VALUES ($1, $2)',
      ['3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b', 'Kari Nordmann 01019012480'],
      driverError,
    );
  }

  it('logs a failed query without its parameters, detail or context, but with its SQL and code', () => {
    const log = memoryLog();
    const error = queryFailed(
      '23505',
      'duplicate key value',
      'Key (name)=(Kari Nordmann 01019012480) exists.',
    );
    createLogger('institution-service', log).error({ err: error }, 'unexpected error');
    const line = JSON.stringify(log.entries()[0]);
    expect(line).not.toContain('Kari');
    expect(line).not.toContain('01019012480');
    expect(line).not.toContain('3f1c2a4e');
    expect(log.entries()[0].err).toMatchObject({
      type: 'QueryFailedError',
      query: 'INSERT INTO "institution"("id", "name") VALUES ($1, $2)',
      parameters: '[2 redacted]',
      code: '23505',
      detail: '[redacted]',
      driverError: { detail: '[redacted]', where: '[redacted]' },
    });
    // The error itself is left as it was: only its log line is redacted.
    expect(error.parameters).toHaveLength(2);
  });

  it('takes the quoted value out of a data exception message and stack', () => {
    const log = memoryLog();
    createLogger('capacity-service', log).error(
      { err: queryFailed('22P02', 'invalid input syntax for type uuid: "Kari 01019012480"') },
      'unexpected error',
    );
    const line = JSON.stringify(log.entries()[0]);
    expect(line).not.toContain('Kari');
    expect(line).toContain('invalid input syntax for type uuid: \\"[redacted]\\"');
  });

  it('leaves other errors as pino serializes them', () => {
    const log = memoryLog();
    createLogger('gateway', log).error({ err: Object.assign(new Error('boom'), { detail: 'kept' }) }, 'x');
    expect(log.entries()[0].err).toMatchObject({ type: 'Error', message: 'boom', detail: 'kept' });
  });
});
