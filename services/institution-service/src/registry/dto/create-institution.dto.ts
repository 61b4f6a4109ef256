import { ApiProperty } from '@nestjs/swagger';
import { DISTRICT_CODES, PROVIDER_TYPES, type DistrictCode, type ProviderType } from '@plass/domain';
import { MAX_NAME_LENGTH } from '@plass/contracts';
import { IsFreeText } from '@plass/service-kit';
import { IsIn } from 'class-validator';

export class CreateInstitutionDto {
  @ApiProperty({
    example: 'Prindsen mottakssenter',
    maxLength: MAX_NAME_LENGTH,
    description: 'Free text without control characters or a national identity number (ADR 0110)',
  })
  @IsFreeText({ maxLength: MAX_NAME_LENGTH })
  name!: string;

  @ApiProperty({ enum: PROVIDER_TYPES })
  @IsIn(PROVIDER_TYPES, { message: `providerType must be one of: ${PROVIDER_TYPES.join(', ')}` })
  providerType!: ProviderType;

  @ApiProperty({ enum: DISTRICT_CODES, example: '030101' })
  @IsIn(DISTRICT_CODES, { message: `districtCode must be one of: ${DISTRICT_CODES.join(', ')}` })
  districtCode!: DistrictCode;
}
