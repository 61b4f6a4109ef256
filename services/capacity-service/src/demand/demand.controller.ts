import { Controller, Inject, Query, UseInterceptors } from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@plass/auth';
import { getDemandReport, type DemandReport } from '@plass/contracts';
import { ContractRoute, queryDto } from '@plass/observability';
import { CAPACITY_CONFIG, type CapacityConfig } from '../config';
import { CsvDownload } from '../reports/csv-download.interceptor';
import { suppressDemand } from '../suppression/demand-suppression';
import { suppressionFor } from '../suppression/suppression-policy';
import { demandCsv, demandCsvFilename } from './demand-csv';
import { DemandService } from './demand.service';

class DemandReportQuery extends queryDto(getDemandReport) {}

@Controller()
export class DemandController {
  constructor(
    @Inject(DemandService) private readonly demand: DemandService,
    @Inject(CAPACITY_CONFIG) private readonly config: CapacityConfig,
  ) {}

  /** Computed exactly, then suppressed for the reader's role (ADR 0223); the CSV is written from the result. */
  @ContractRoute(getDemandReport)
  @ApiProduces('application/json', 'text/csv')
  @UseInterceptors(CsvDownload(demandCsv, demandCsvFilename))
  async report(@Query() query: DemandReportQuery, @CurrentUser() user: AuthUser): Promise<DemandReport> {
    const report = await this.demand.report(query);
    return suppressDemand(report, suppressionFor(user, this.config.suppressionThreshold));
  }
}
