import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '@plass/auth';
import { DISTRICT_CODES, type DistrictCode } from '@plass/domain';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';

/** `POST /api/dev/token`: who the development token is for (the claims of ARCHITECTURE.md §6). */
export class DevTokenRequestDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role!: Role;

  @ApiPropertyOptional({ enum: DISTRICT_CODES, description: 'Required for district-staff' })
  @IsOptional()
  @IsIn(DISTRICT_CODES, { message: 'districtCode must be an Oslo district code, e.g. 030103' })
  districtCode?: DistrictCode;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Required for institution-staff' })
  @IsOptional()
  @IsArray({ message: 'institutionIds must be an array of uuids' })
  @ArrayMaxSize(50, { message: 'institutionIds may hold at most 50 ids' })
  @IsUUID('all', { each: true, message: 'institutionIds must be an array of uuids' })
  institutionIds?: string[];
}

export interface DevTokenResponse {
  token: string;
}
