import { Body, Controller, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { Roles } from '@plass/auth';
import {
  changeHousingStatus,
  getHousingUnit,
  listHousingUnits,
  registerHousingUnit,
  type HousingUnitDto,
} from '@plass/contracts';
import { bodyDto, ContractRoute, queryDto } from '@plass/observability';
import { Write, type WriteRequest } from '../write-request';
import { HousingUnitService } from './housing-unit.service';

class ListHousingUnitsQuery extends queryDto(listHousingUnits) {}
class RegisterHousingUnitBody extends bodyDto(registerHousingUnit) {}
class ChangeHousingStatusBody extends bodyDto(changeHousingStatus) {}

@Controller()
export class HousingUnitController {
  constructor(@Inject(HousingUnitService) private readonly units: HousingUnitService) {}

  @ContractRoute(listHousingUnits)
  list(@Query() query: ListHousingUnitsQuery): Promise<HousingUnitDto[]> {
    return this.units.list(query);
  }

  @ContractRoute(getHousingUnit)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<HousingUnitDto> {
    return this.units.get(id);
  }

  @ContractRoute(registerHousingUnit)
  @Roles('admin', 'district-staff')
  register(@Body() body: RegisterHousingUnitBody, @Write() request: WriteRequest): Promise<HousingUnitDto> {
    return this.units.register(body, request);
  }

  @ContractRoute(changeHousingStatus)
  @Roles('admin', 'district-staff')
  changeStatus(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ChangeHousingStatusBody,
    @Write() request: WriteRequest,
  ): Promise<HousingUnitDto> {
    return this.units.changeStatus(id, body, request);
  }
}
