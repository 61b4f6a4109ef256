import {
  Controller,
  Inject,
  Injectable,
  Query,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import { getUtilizationReport, type UtilizationReport } from '@plass/contracts';
import { ContractRoute, queryDto } from '@plass/observability';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { utilizationCsv, utilizationCsvFilename } from './utilization-csv';
import { UtilizationService } from './utilization.service';

class UtilizationReportQuery extends queryDto(getUtilizationReport) {}

/**
 * `format=csv`: the report the handler returns, written as a CSV download instead of JSON. The handler
 * stays typed by the contract's JSON answer; only the representation changes here. The query has been
 * validated by the time the report arrives, so `format` is `csv` or `json`.
 */
@Injectable()
class UtilizationCsvInterceptor implements NestInterceptor<UtilizationReport, UtilizationReport | string> {
  intercept(
    context: ExecutionContext,
    next: CallHandler<UtilizationReport>,
  ): Observable<UtilizationReport | string> {
    const http = context.switchToHttp();
    if (http.getRequest<Request>().query.format !== 'csv') return next.handle();
    return next.handle().pipe(
      map((report) => {
        const response = http.getResponse<Response>();
        response.setHeader('content-type', 'text/csv; charset=utf-8');
        response.setHeader('content-disposition', `attachment; filename="${utilizationCsvFilename(report)}"`);
        return utilizationCsv(report);
      }),
    );
  }
}

@Controller()
export class UtilizationController {
  constructor(@Inject(UtilizationService) private readonly reports: UtilizationService) {}

  @ContractRoute(getUtilizationReport)
  @ApiProduces('application/json', 'text/csv')
  @UseInterceptors(UtilizationCsvInterceptor)
  utilization(@Query() query: UtilizationReportQuery): Promise<UtilizationReport> {
    return this.reports.report(query);
  }
}
