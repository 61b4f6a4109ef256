import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  DISTRICT_CODES,
  PROVIDER_TYPES,
  SERVICE_CATEGORY_CODES,
  type DistrictCode,
  type ProviderType,
  type ServiceCategoryCode,
} from '@plass/domain';
import { IsIn, IsOptional } from 'class-validator';

const BOOLEAN = ['true', 'false'] as const;

export class ListUnitsQuery {
  @ApiPropertyOptional({ enum: SERVICE_CATEGORY_CODES })
  @IsOptional()
  @IsIn(SERVICE_CATEGORY_CODES, { message: `category must be one of: ${SERVICE_CATEGORY_CODES.join(', ')}` })
  category?: ServiceCategoryCode;

  @ApiPropertyOptional({ enum: DISTRICT_CODES, description: "The institution's district" })
  @IsOptional()
  @IsIn(DISTRICT_CODES, { message: `districtCode must be one of: ${DISTRICT_CODES.join(', ')}` })
  districtCode?: DistrictCode;

  @ApiPropertyOptional({ enum: PROVIDER_TYPES })
  @IsOptional()
  @IsIn(PROVIDER_TYPES, { message: `providerType must be one of: ${PROVIDER_TYPES.join(', ')}` })
  providerType?: ProviderType;

  @ApiPropertyOptional({ enum: BOOLEAN, description: 'Only open units with at least one available place' })
  @IsOptional()
  @IsIn(BOOLEAN, { message: 'onlyAvailable must be true or false' })
  onlyAvailable?: (typeof BOOLEAN)[number];

  @ApiPropertyOptional({ enum: BOOLEAN, description: 'Also closed units (reconciliation compares them too)' })
  @IsOptional()
  @IsIn(BOOLEAN, { message: 'includeClosed must be true or false' })
  includeClosed?: (typeof BOOLEAN)[number];
}
