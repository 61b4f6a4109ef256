import { Body, Controller, Get, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@plass/auth';
import type { HousingNeedDto } from '@plass/contracts';
import { DISTRICT_CODES, type DistrictCode } from '@plass/domain';
import { ParseDistrictCodePipe } from './district-code.pipe';
import { UpdateHousingNeedDto } from './dto/update-housing-need.dto';
import { HousingNeedService } from './housing-need.service';
import { Write, type WriteRequest } from '../write-request';

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
    description:
      'Any unique string (1–200 of letters, digits, - _ : .). A repeat of the same request returns the first result and changes nothing; the same key with another body or route is 422.',
  })
  update(
    @Param('districtCode', ParseDistrictCodePipe) districtCode: DistrictCode,
    @Body() dto: UpdateHousingNeedDto,
    @Write() request: WriteRequest,
  ): Promise<HousingNeedDto> {
    return this.needs.update(districtCode, dto, request);
  }
}
