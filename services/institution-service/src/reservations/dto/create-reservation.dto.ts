import { ApiProperty } from '@nestjs/swagger';
import { DISTRICT_CODES, type DistrictCode } from '@plass/domain';
import { IsIn, IsISO8601, Matches } from 'class-validator';

export class CreateReservationDto {
  @ApiProperty({ enum: DISTRICT_CODES, example: '030103', description: 'The district the place is held for' })
  @IsIn(DISTRICT_CODES, { message: `districtCode must be one of: ${DISTRICT_CODES.join(', ')}` })
  districtCode!: DistrictCode;

  @ApiProperty({
    format: 'date-time',
    example: '2026-11-25T12:00:00Z',
    description: 'When the place is released by itself if nobody is admitted (future, at most 30 days ahead)',
  })
  @IsISO8601({ strict: true }, { message: 'expiresAt must be a date and time like 2026-11-25T12:00:00Z' })
  @Matches(/T.*(Z|[+-]\d{2}:\d{2})$/, {
    message: 'expiresAt must be a date and time with a time zone, like 2026-11-25T12:00:00Z',
  })
  expiresAt!: string;
}
