import { Controller, Inject, Query } from '@nestjs/common';
import { CurrentUser, type AuthUser } from '@plass/auth';
import { getDistrictResidents, type DistrictResidents } from '@plass/contracts';
import { ContractRoute, queryDto } from '@plass/observability';
import { ResidentsService } from './residents.service';

class DistrictResidentsQuery extends queryDto(getDistrictResidents) {}

@Controller()
export class ResidentsController {
  constructor(@Inject(ResidentsService) private readonly residents: ResidentsService) {}

  @ContractRoute(getDistrictResidents)
  get(@Query() query: DistrictResidentsQuery, @CurrentUser() user: AuthUser): Promise<DistrictResidents> {
    return this.residents.residents(user, query.districtCode);
  }
}
