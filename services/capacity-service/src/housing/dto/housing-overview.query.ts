import { ApiPropertyOptional } from '@nestjs/swagger';
import { DISTRICT_CODES, type DistrictCode } from '@plass/domain';
import { IsIn, IsOptional } from 'class-validator';

export class HousingOverviewQuery {
  @ApiPropertyOptional({ enum: DISTRICT_CODES, description: 'Only this district (city totals stay whole).' })
  @IsOptional()
  @IsIn(DISTRICT_CODES, { message: `districtCode must be one of: ${DISTRICT_CODES.join(', ')}` })
  districtCode?: DistrictCode;
}
