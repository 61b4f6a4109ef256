import { Controller, Inject, Query } from '@nestjs/common';
import { getCapacityIndicators, type CapacityIndicators } from '@plass/contracts';
import { ContractRoute, queryDto } from '@plass/observability';
import { IndicatorsService } from './indicators.service';

class CapacityIndicatorsQuery extends queryDto(getCapacityIndicators) {}

@Controller()
export class IndicatorsController {
  constructor(@Inject(IndicatorsService) private readonly indicators: IndicatorsService) {}

  @ContractRoute(getCapacityIndicators)
  get(@Query() query: CapacityIndicatorsQuery): Promise<CapacityIndicators> {
    return this.indicators.indicators(query);
  }
}
