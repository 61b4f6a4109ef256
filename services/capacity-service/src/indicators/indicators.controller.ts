import { Controller, Inject, Query, UseInterceptors } from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@plass/auth';
import { getCapacityIndicators, type CapacityIndicators } from '@plass/contracts';
import { ContractRoute, queryDto } from '@plass/observability';
import { CAPACITY_CONFIG, type CapacityConfig } from '../config';
import { CsvDownload } from '../reports/csv-download.interceptor';
import { suppressIndicators } from '../suppression/indicators-suppression';
import { suppressionFor } from '../suppression/suppression-policy';
import { indicatorsCsv, indicatorsCsvFilename } from './indicators-csv';
import { IndicatorsService } from './indicators.service';

class CapacityIndicatorsQuery extends queryDto(getCapacityIndicators) {}

@Controller()
export class IndicatorsController {
  constructor(
    @Inject(IndicatorsService) private readonly indicators: IndicatorsService,
    @Inject(CAPACITY_CONFIG) private readonly config: CapacityConfig,
  ) {}

  /** Computed exactly, then suppressed for the reader's role (ADR 0223); the CSV is written from the result. */
  @ContractRoute(getCapacityIndicators)
  @ApiProduces('application/json', 'text/csv')
  @UseInterceptors(CsvDownload(indicatorsCsv, indicatorsCsvFilename))
  async get(
    @Query() query: CapacityIndicatorsQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<CapacityIndicators> {
    const report = await this.indicators.indicators(query);
    return suppressIndicators(report, suppressionFor(user, this.config.suppressionThreshold));
  }
}
