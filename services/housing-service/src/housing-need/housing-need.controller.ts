import { Body, Controller, Inject, Param } from '@nestjs/common';
import { Roles } from '@plass/auth';
import { getHousingNeed, listHousingNeeds, updateHousingNeed, type HousingNeedDto } from '@plass/contracts';
import type { DistrictCode } from '@plass/domain';
import { bodyDto, ContractRoute } from '@plass/observability';
import { Write, type WriteRequest } from '../write-request';
import { ParseDistrictCodePipe } from './district-code.pipe';
import { HousingNeedService } from './housing-need.service';

class UpdateHousingNeedBody extends bodyDto(updateHousingNeed) {}

@Controller()
export class HousingNeedController {
  constructor(@Inject(HousingNeedService) private readonly needs: HousingNeedService) {}

  @ContractRoute(listHousingNeeds)
  list(): Promise<HousingNeedDto[]> {
    return this.needs.list();
  }

  @ContractRoute(getHousingNeed)
  get(@Param('districtCode', ParseDistrictCodePipe) districtCode: DistrictCode): Promise<HousingNeedDto> {
    return this.needs.get(districtCode);
  }

  @ContractRoute(updateHousingNeed)
  @Roles('admin', 'district-staff')
  update(
    @Param('districtCode', ParseDistrictCodePipe) districtCode: DistrictCode,
    @Body() body: UpdateHousingNeedBody,
    @Write() request: WriteRequest,
  ): Promise<HousingNeedDto> {
    return this.needs.update(districtCode, body, request);
  }
}
