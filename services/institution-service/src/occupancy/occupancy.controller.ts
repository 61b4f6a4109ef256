import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@plass/auth';
import type { AdmissionResultDto, StayDto, UnitResultDto } from '@plass/contracts';
import { AdmissionResultModel, ApiProblems, StayModel, UnitResultModel } from '../common/api-models';
import { IdempotentWrite, Write, type WriteRequest } from '../common/write-request';
import { AdmitResidentDto } from './dto/admit-resident.dto';
import { DischargeResidentDto } from './dto/discharge-resident.dto';
import { OccupancyService } from './occupancy.service';

@ApiTags('occupancy')
@ApiBearerAuth()
@ApiParam({ name: 'unitId', format: 'uuid', description: 'The unit' })
@Controller('api/units/:unitId')
export class OccupancyController {
  constructor(@Inject(OccupancyService) private readonly occupancy: OccupancyService) {}

  @Get('stays')
  @Roles('institution-staff', 'admin')
  @ApiOperation({ summary: 'Open stays of a unit (institution staff of the unit, admin)' })
  @ApiOkResponse({ type: [StayModel] })
  @ApiProblems([403, 'Not staff of this institution'], [404, 'No such unit'])
  stays(@Param('unitId', ParseUUIDPipe) unitId: string, @CurrentUser() user: AuthUser): Promise<StayDto[]> {
    return this.occupancy.listOpenStays(unitId, user);
  }

  @Post('admissions')
  @HttpCode(201)
  @Roles('institution-staff', 'admin')
  @IdempotentWrite()
  @ApiOperation({
    summary: 'Admit a resident (institution staff of the unit, admin)',
    description:
      'Answers with a random stayId; no personal data is taken. With no available place the answer is 409 ' +
      'unless `allowOverCapacity: true`.',
  })
  @ApiCreatedResponse({ type: AdmissionResultModel })
  @ApiProblems(
    [403, 'Not staff of this institution'],
    [404, 'No such unit'],
    [409, 'No available place, unit closed, or the reservation does not match'],
  )
  admit(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Body() dto: AdmitResidentDto,
    @Write() request: WriteRequest,
  ): Promise<AdmissionResultDto> {
    return this.occupancy.admit(unitId, dto, request);
  }

  @Post('discharges')
  @HttpCode(200)
  @Roles('institution-staff', 'admin')
  @IdempotentWrite()
  @ApiOperation({ summary: 'Discharge a stay with a reason (institution staff of the unit, admin)' })
  @ApiOkResponse({ type: UnitResultModel })
  @ApiProblems(
    [403, 'Not staff of this institution'],
    [404, 'No such unit'],
    [409, 'Unknown or already discharged stay'],
  )
  discharge(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Body() dto: DischargeResidentDto,
    @Write() request: WriteRequest,
  ): Promise<UnitResultDto> {
    return this.occupancy.discharge(unitId, dto, request);
  }
}
