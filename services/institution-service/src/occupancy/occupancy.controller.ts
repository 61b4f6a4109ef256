import { Body, Controller, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { CurrentUser, Roles, type AuthUser } from '@plass/auth';
import {
  admitResident,
  correctStay,
  dischargeResident,
  listOpenStays,
  type AdmissionResultDto,
  type StayDto,
  type UnitResultDto,
} from '@plass/contracts';
import { bodyDto, ContractRoute } from '@plass/observability';
import { Write, type WriteRequest } from '../common/write-request';
import { OccupancyService } from './occupancy.service';

class AdmitResidentBody extends bodyDto(admitResident) {}
class DischargeResidentBody extends bodyDto(dischargeResident) {}
class StayCorrectionBody extends bodyDto(correctStay) {}

@Controller()
export class OccupancyController {
  constructor(@Inject(OccupancyService) private readonly occupancy: OccupancyService) {}

  @ContractRoute(listOpenStays)
  @Roles('institution-staff', 'admin')
  stays(@Param('unitId', ParseUUIDPipe) unitId: string, @CurrentUser() user: AuthUser): Promise<StayDto[]> {
    return this.occupancy.listOpenStays(unitId, user);
  }

  @ContractRoute(admitResident)
  @Roles('institution-staff', 'admin')
  admit(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Body() body: AdmitResidentBody,
    @Write() request: WriteRequest,
  ): Promise<AdmissionResultDto> {
    return this.occupancy.admit(unitId, body, request);
  }

  @ContractRoute(dischargeResident)
  @Roles('institution-staff', 'admin')
  discharge(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Body() body: DischargeResidentBody,
    @Write() request: WriteRequest,
  ): Promise<UnitResultDto> {
    return this.occupancy.discharge(unitId, body, request);
  }

  @ContractRoute(correctStay)
  @Roles('institution-staff', 'admin')
  correct(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Param('stayId', ParseUUIDPipe) stayId: string,
    @Body() body: StayCorrectionBody,
    @Write() request: WriteRequest,
  ): Promise<UnitResultDto> {
    return this.occupancy.correct(unitId, stayId, body, request);
  }
}
