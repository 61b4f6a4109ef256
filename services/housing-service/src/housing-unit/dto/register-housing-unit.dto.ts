import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HOUSING_LABEL_PATTERN } from '@plass/contracts';
import { DISTRICT_CODES, HOUSING_TYPES, type DistrictCode, type HousingType } from '@plass/domain';
import { IsFreeText } from '@plass/service-kit';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';

export class RegisterHousingUnitDto {
  @ApiProperty({ enum: DISTRICT_CODES, example: '030103', description: 'The owning district (bydel)' })
  @IsIn(DISTRICT_CODES, { message: `districtCode must be one of: ${DISTRICT_CODES.join(', ')}` })
  districtCode!: DistrictCode;

  @ApiProperty({ enum: HOUSING_TYPES })
  @IsIn(HOUSING_TYPES, { message: `type must be one of: ${HOUSING_TYPES.join(', ')}` })
  type!: HousingType;

  @ApiPropertyOptional({
    example: 'B-0412',
    pattern: HOUSING_LABEL_PATTERN.source,
    description:
      "The owner's reference code for the dwelling, unique within the district. Never an address or a " +
      'name: letters A–Z, digits, . and -, at most 24 characters, at least one digit, no spaces.',
  })
  @IsOptional()
  @IsString()
  @Matches(HOUSING_LABEL_PATTERN, {
    message:
      'label must be a reference code such as B-0412 (letters A–Z, digits, . and -, at most 24, at least ' +
      'one digit, no spaces); never an address or a name',
  })
  // The pattern lets eleven digits through: a fødselsnummer is no reference code either (ADR 0110).
  @IsFreeText({ maxLength: 24 })
  label?: string;
}
