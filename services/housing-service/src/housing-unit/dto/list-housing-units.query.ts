import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  DISTRICT_CODES,
  HOUSING_STATUSES,
  HOUSING_TYPES,
  type DistrictCode,
  type HousingStatus,
  type HousingType,
} from '@plass/domain';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';

/** `?status=` (empty) means no filter, as in the contract's `?districtCode=&type=&status=`. */
const EmptyIsAbsent = () => Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

export class ListHousingUnitsQuery {
  @ApiPropertyOptional({ enum: DISTRICT_CODES })
  @EmptyIsAbsent()
  @IsOptional()
  @IsIn(DISTRICT_CODES, { message: `districtCode must be one of: ${DISTRICT_CODES.join(', ')}` })
  districtCode?: DistrictCode;

  @ApiPropertyOptional({ enum: HOUSING_TYPES })
  @EmptyIsAbsent()
  @IsOptional()
  @IsIn(HOUSING_TYPES, { message: `type must be one of: ${HOUSING_TYPES.join(', ')}` })
  type?: HousingType;

  @ApiPropertyOptional({ enum: HOUSING_STATUSES })
  @EmptyIsAbsent()
  @IsOptional()
  @IsIn(HOUSING_STATUSES, { message: `status must be one of: ${HOUSING_STATUSES.join(', ')}` })
  status?: HousingStatus;
}
