import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HousingOverviewDto } from '@plass/contracts';
import { HousingOverviewQuery } from './dto/housing-overview.query';
import { HousingReadService } from './housing-read.service';

@ApiTags('capacity')
@ApiBearerAuth()
@Controller('api/capacity/housing')
export class HousingController {
  constructor(@Inject(HousingReadService) private readonly housing: HousingReadService) {}

  @Get()
  @ApiOperation({
    summary:
      'Housing supply (dwellings by status) against registered need, per district and type, and city totals.',
  })
  overview(@Query() query: HousingOverviewQuery): Promise<HousingOverviewDto> {
    return this.housing.overview(query.districtCode);
  }
}
