import { Controller, Inject, Query } from '@nestjs/common';
import { getCapacityHousingOverview, type HousingOverview } from '@plass/contracts';
import { ContractRoute, queryDto } from '@plass/observability';
import { HousingReadService } from './housing-read.service';

class HousingOverviewQuery extends queryDto(getCapacityHousingOverview) {}

@Controller()
export class HousingController {
  constructor(@Inject(HousingReadService) private readonly housing: HousingReadService) {}

  @ContractRoute(getCapacityHousingOverview)
  overview(@Query() query: HousingOverviewQuery): Promise<HousingOverview> {
    return this.housing.overview(query.districtCode);
  }
}
