import { Controller, Inject, Query, UseInterceptors } from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import { getUtilizationReport, type UtilizationReport } from '@plass/contracts';
import { ContractRoute, queryDto } from '@plass/observability';
import { CsvDownload } from './csv-download.interceptor';
import { utilizationCsv, utilizationCsvFilename } from './utilization-csv';
import { UtilizationService } from './utilization.service';

class UtilizationReportQuery extends queryDto(getUtilizationReport) {}

@Controller()
export class UtilizationController {
  constructor(@Inject(UtilizationService) private readonly reports: UtilizationService) {}

  @ContractRoute(getUtilizationReport)
  @ApiProduces('application/json', 'text/csv')
  @UseInterceptors(CsvDownload(utilizationCsv, utilizationCsvFilename))
  utilization(@Query() query: UtilizationReportQuery): Promise<UtilizationReport> {
    return this.reports.report(query);
  }
}
