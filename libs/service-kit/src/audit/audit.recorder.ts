/**
 * Records every write request under /api when its response is done (ADR 0199): `close` fires after the
 * guard, the validation pipe, the handler and the exception filter, so refusals (401, 403, 400, 409, …)
 * are recorded like successes, which an interceptor would never see. The entry is written after the
 * answer and outside the write's transaction: a failed insert is logged and counted, and the write stands
 * (ADR 0201).
 */
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { correlationIdOf, counter, LOGGER, type Logger } from '@plass/observability';
import type { NextFunction, Request, Response } from 'express';
import { auditRecordOf, isAudited, type AuditedRequest } from './audit-record';
import { AuditRepository } from './audit.repository';

@Injectable()
export class AuditRecorder implements NestMiddleware {
  private readonly failures = counter(
    'plass_audit_write_failures_total',
    'Audit entries that could not be written (the write they describe stood)',
  );

  constructor(
    @Inject(AuditRepository) private readonly entries: AuditRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const path = request.originalUrl.split('?')[0];
    if (isAudited(request.method, path)) {
      response.once('close', () => void this.record(request, response));
    }
    next();
  }

  /** Never rejects: the trail must not break the request it describes. */
  async record(request: AuditedRequest & Request, response: Response): Promise<void> {
    try {
      const record = auditRecordOf(
        request,
        { statusCode: response.statusCode, finished: response.writableFinished },
        correlationIdOf(request),
      );
      await this.entries.append(record);
    } catch (error) {
      this.failures.inc();
      this.logger.error(
        { err: error, method: request.method, status: response.statusCode },
        'audit entry could not be written',
      );
    }
  }
}
