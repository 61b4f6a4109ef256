import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IndicatorsQuery } from './dto/indicators.query';
import { IndicatorsService, type IndicatorsDto } from './indicators.service';

@ApiTags('capacity history and reports')
@ApiBearerAuth()
@Controller('api/capacity/indicators')
export class IndicatorsController {
  constructor(@Inject(IndicatorsService) private readonly indicators: IndicatorsService) {}

  @Get()
  @ApiOperation({
    summary: 'Steering indicators over a period of at most 366 days (any role)',
    description:
      'Admissions and discharges per Oslo calendar day; discharges per category by reason (immediate = ' +
      'øyeblikkelig utskrivning); moves to own housing per category; stays begun per referring district with ' +
      "each category's share; stays open at the end of the period beyond the category's normed maximum.",
  })
  get(@Query() query: IndicatorsQuery): Promise<IndicatorsDto> {
    return this.indicators.indicators(query);
  }
}
