import { ApiProperty } from '@nestjs/swagger';
import { DISTRICT_CODES, PROVIDER_TYPES, type DistrictCode, type ProviderType } from '@plass/domain';
import { IsIn, IsString, Length } from 'class-validator';

export class CreateInstitutionDto {
  @ApiProperty({ example: 'Prindsen mottakssenter' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: PROVIDER_TYPES })
  @IsIn(PROVIDER_TYPES, { message: `providerType must be one of: ${PROVIDER_TYPES.join(', ')}` })
  providerType!: ProviderType;

  @ApiProperty({ enum: DISTRICT_CODES, example: '030101' })
  @IsIn(DISTRICT_CODES, { message: `districtCode must be one of: ${DISTRICT_CODES.join(', ')}` })
  districtCode!: DistrictCode;
}
