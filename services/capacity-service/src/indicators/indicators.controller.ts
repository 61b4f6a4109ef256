import { Controller, Inject, Query, UseInterceptors } from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import { getCapacityIndicators, type CapacityIndicators } from '@plass/contracts';
import { ContractRoute, queryDto } from '@plass/observability';
import { CsvDownload } from '../reports/csv-download.interceptor';
import { indicatorsCsv, indicatorsCsvFilename } from './indicators-csv';
import { IndicatorsService } from './indicators.service';

class CapacityIndicatorsQuery extends queryDto(getCapacityIndicators) {}

@Controller()
export class IndicatorsController {
  constructor(@Inject(IndicatorsService) private readonly indicators: IndicatorsService) {}

  @ContractRoute(getCapacityIndicators)
  @ApiProduces('application/json', 'text/csv')
  @UseInterceptors(CsvDownload(indicatorsCsv, indicatorsCsvFilename))
  get(@Query() query: CapacityIndicatorsQuery): Promise<CapacityIndicators> {
    return this.indicators.indicators(query);
  }
}
