import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DISTRICT_CODES, type DistrictCode } from '@plass/domain';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';

export class AdmitResidentDto {
  @ApiProperty({ enum: DISTRICT_CODES, description: 'The district (bydel) that referred the resident' })
  @IsIn(DISTRICT_CODES, { message: `referringDistrictCode must be one of: ${DISTRICT_CODES.join(', ')}` })
  referringDistrictCode!: DistrictCode;

  @ApiPropertyOptional({ example: '2026-12-20', description: 'Planned discharge date (YYYY-MM-DD)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'plannedDischargeDate must be a date like 2026-12-20' })
  plannedDischargeDate?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  reservationId?: string;

  @ApiPropertyOptional({
    description: 'Admit even when no place is available (emergency); raises overcapacity',
  })
  @IsOptional()
  @IsBoolean()
  allowOverCapacity?: boolean;
}
