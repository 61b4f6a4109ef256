/** `GET /api/audit`: the merged audit trail of the four services (admin only; JSON or CSV). */
import {
  Controller,
  Inject,
  Injectable,
  Query,
  Req,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import { Roles } from '@plass/auth';
import { listAuditEntries, type AuditLogEntry } from '@plass/contracts';
import { ContractRoute, correlationIdOf, queryDto } from '@plass/observability';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { auditCsv, auditCsvFilename } from './audit-csv';
import { AuditSources } from './audit-sources';

class AuditLogQueryDto extends queryDto(listAuditEntries) {}

/** `format=csv`: the entries the handler returns, as a download; the handler stays typed by the contract. */
@Injectable()
class AuditCsvDownload implements NestInterceptor<AuditLogEntry[], AuditLogEntry[] | string> {
  intercept(
    context: ExecutionContext,
    next: CallHandler<AuditLogEntry[]>,
  ): Observable<AuditLogEntry[] | string> {
    const http = context.switchToHttp();
    if (http.getRequest<Request>().query.format !== 'csv') return next.handle();
    return next.handle().pipe(
      map((entries) => {
        const response = http.getResponse<Response>();
        response.setHeader('content-type', 'text/csv; charset=utf-8');
        response.setHeader('content-disposition', `attachment; filename="${auditCsvFilename()}"`);
        return auditCsv(entries);
      }),
    );
  }
}

@Controller()
export class AuditLogController {
  constructor(@Inject(AuditSources) private readonly sources: AuditSources) {}

  @ContractRoute(listAuditEntries)
  @Roles('admin')
  @ApiProduces('application/json', 'text/csv')
  @UseInterceptors(AuditCsvDownload)
  list(@Query() query: AuditLogQueryDto, @Req() request: Request): Promise<AuditLogEntry[]> {
    return this.sources.merged(query, request.headers.authorization, correlationIdOf(request));
  }
}
