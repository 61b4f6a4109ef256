import { Controller, Inject, Query, UseInterceptors } from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import { getDemandReport, type DemandReport } from '@plass/contracts';
import { ContractRoute, queryDto } from '@plass/observability';
import { CsvDownload } from '../reports/csv-download.interceptor';
import { demandCsv, demandCsvFilename } from './demand-csv';
import { DemandService } from './demand.service';

class DemandReportQuery extends queryDto(getDemandReport) {}

@Controller()
export class DemandController {
  constructor(@Inject(DemandService) private readonly demand: DemandService) {}

  @ContractRoute(getDemandReport)
  @ApiProduces('application/json', 'text/csv')
  @UseInterceptors(CsvDownload(demandCsv, demandCsvFilename))
  report(@Query() query: DemandReportQuery): Promise<DemandReport> {
    return this.demand.report(query);
  }
}
