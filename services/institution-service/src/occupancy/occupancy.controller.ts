import { Body, Controller, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@plass/auth';
import type { AdmissionResultDto, UnitDto } from '@plass/contracts';
import type { Request } from 'express';
import { AdmitResidentDto } from './dto/admit-resident.dto';
import { DischargeResidentDto } from './dto/discharge-resident.dto';
import { OccupancyService } from './occupancy.service';

@ApiTags('occupancy')
@ApiBearerAuth()
@Controller('api/units/:unitId')
export class OccupancyController {
  constructor(@Inject(OccupancyService) private readonly occupancy: OccupancyService) {}

  @Post('admissions')
  @HttpCode(201)
  @Roles('institution-staff', 'admin')
  admit(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Body() dto: AdmitResidentDto,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() req: Request,
  ): Promise<AdmissionResultDto> {
    return this.occupancy.admit(unitId, dto, { user, idempotencyKey, method: req.method, path: req.path });
  }

  @Post('discharges')
  @HttpCode(200)
  @Roles('institution-staff', 'admin')
  discharge(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Body() dto: DischargeResidentDto,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() req: Request,
  ): Promise<{ unit: UnitDto }> {
    return this.occupancy.discharge(unitId, dto, {
      user,
      idempotencyKey,
      method: req.method,
      path: req.path,
    });
  }
}
