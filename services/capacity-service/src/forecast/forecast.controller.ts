import { Controller, Inject, Query } from '@nestjs/common';
import { getCapacityForecast, type CapacityForecast } from '@plass/contracts';
import { ContractRoute, queryDto } from '@plass/observability';
import { ForecastService } from './forecast.service';

class CapacityForecastQuery extends queryDto(getCapacityForecast) {}

@Controller()
export class ForecastController {
  constructor(@Inject(ForecastService) private readonly forecasts: ForecastService) {}

  @ContractRoute(getCapacityForecast)
  get(@Query() query: CapacityForecastQuery): Promise<CapacityForecast> {
    return this.forecasts.forecast(query);
  }
}
