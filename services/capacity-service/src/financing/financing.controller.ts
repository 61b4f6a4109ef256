import { Controller, Inject, Query, UseInterceptors } from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import { Roles } from '@plass/auth';
import { getFinancingReport, type FinancingReport } from '@plass/contracts';
import { ContractRoute, queryDto } from '@plass/observability';
import { CsvDownload } from '../reports/csv-download.interceptor';
import { financingCsv, financingCsvFilename } from './financing-csv';
import { FinancingService } from './financing.service';

class FinancingReportQuery extends queryDto(getFinancingReport) {}

/** Intake, admin and district staff read the whole report (ADR 0227); institution staff do not. */
@Controller()
export class FinancingController {
  constructor(@Inject(FinancingService) private readonly financing: FinancingService) {}

  @ContractRoute(getFinancingReport)
  @Roles('intake', 'admin', 'district-staff')
  @ApiProduces('application/json', 'text/csv')
  @UseInterceptors(CsvDownload(financingCsv, financingCsvFilename))
  report(@Query() query: FinancingReportQuery): Promise<FinancingReport> {
    return this.financing.report(query);
  }
}
