import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DISTRICT_CODES, type DistrictCode } from '@plass/domain';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';

export class AdmitResidentDto {
  @ApiProperty({ enum: DISTRICT_CODES, description: 'The district (bydel) that referred the resident' })
  @IsIn(DISTRICT_CODES, { message: `referringDistrictCode must be one of: ${DISTRICT_CODES.join(', ')}` })
  referringDistrictCode!: DistrictCode;

  @ApiPropertyOptional({
    example: '2026-12-20',
    description: 'Planned discharge date (YYYY-MM-DD), from today (Oslo) up to 5 years ahead',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'plannedDischargeDate must be a date like 2026-12-20' })
  @IsISO8601({ strict: true }, { message: 'plannedDischargeDate must be a real calendar date' })
  plannedDischargeDate?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Admit into this reservation of the unit: reserved − 1 and occupied + 1 in one change. ' +
      'Its district must be the referring district.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'reservationId must be a UUID' })
  reservationId?: string;

  @ApiPropertyOptional({
    description: 'Admit even when no place is available (emergency); the unit goes into overcapacity',
  })
  @IsOptional()
  @IsBoolean({ message: 'allowOverCapacity must be true or false' })
  allowOverCapacity?: boolean;
}
