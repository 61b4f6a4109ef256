import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@plass/auth';
import type { HousingNeedDto } from '@plass/contracts';
import { DISTRICT_CODES, type DistrictCode } from '@plass/domain';
import type { Request } from 'express';
import { ParseDistrictCodePipe } from './district-code.pipe';
import { UpdateHousingNeedDto } from './dto/update-housing-need.dto';
import { HousingNeedService } from './housing-need.service';

@ApiTags('housing need')
@ApiBearerAuth()
@Controller('api/housing/needs')
export class HousingNeedController {
  constructor(@Inject(HousingNeedService) private readonly needs: HousingNeedService) {}

  @Get()
  @ApiOperation({ summary: 'Registered housing need of every district, per housing type (any role)' })
  list(): Promise<HousingNeedDto[]> {
    return this.needs.list();
  }

  @Get(':districtCode')
  @ApiOperation({ summary: "One district's registered housing need (any role)" })
  @ApiParam({ name: 'districtCode', enum: DISTRICT_CODES })
  get(@Param('districtCode', ParseDistrictCodePipe) districtCode: DistrictCode): Promise<HousingNeedDto> {
    return this.needs.get(districtCode);
  }

  @Put(':districtCode')
  @HttpCode(200)
  @Roles('admin', 'district-staff')
  @ApiOperation({
    summary: "Replace a district's registered housing need (admin, or staff of that district)",
  })
  @ApiParam({ name: 'districtCode', enum: DISTRICT_CODES })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A repeated key returns the first result and changes nothing',
  })
  update(
    @Param('districtCode', ParseDistrictCodePipe) districtCode: DistrictCode,
    @Body() dto: UpdateHousingNeedDto,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() req: Request,
  ): Promise<HousingNeedDto> {
    return this.needs.update(districtCode, dto, { user, idempotencyKey, method: req.method, path: req.path });
  }
}
