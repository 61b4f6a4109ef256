import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ForecastQuery } from './dto/forecast.query';
import { ForecastService, type ForecastDto } from './forecast.service';

@ApiTags('capacity history and reports')
@ApiBearerAuth()
@Controller('api/capacity/forecast')
export class ForecastController {
  constructor(@Inject(ForecastService) private readonly forecasts: ForecastService) {}

  @Get()
  @ApiOperation({
    summary: 'Expected free places per day for the next 1–90 days, per category and in total (any role)',
    description:
      'Free places now, plus the places open stays are expected to free: on their planned discharge date, ' +
      "or without one when the category's normed maximum stay runs out. Overdue stays are not counted on. " +
      'Reserved and blocked places stay held; no new admissions are assumed. An expectation, not a promise.',
  })
  get(@Query() query: ForecastQuery): Promise<ForecastDto> {
    return this.forecasts.forecast(query);
  }
}
