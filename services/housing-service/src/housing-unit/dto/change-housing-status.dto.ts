import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  HOUSING_UNAVAILABLE_REASONS,
  MAX_HOUSING_RESERVATION_DAYS,
  type HousingUnavailableReason,
} from '@plass/contracts';
import { HOUSING_STATUSES, type HousingStatus } from '@plass/domain';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';

export class ChangeHousingStatusDto {
  @ApiProperty({
    enum: HOUSING_STATUSES,
    description:
      'vacant → reserved|occupied|unavailable; reserved → vacant|occupied|unavailable; ' +
      'occupied → vacant|unavailable; unavailable → vacant. The same status again is refused (409).',
  })
  @IsIn(HOUSING_STATUSES, { message: `status must be one of: ${HOUSING_STATUSES.join(', ')}` })
  status!: HousingStatus;

  @ApiPropertyOptional({
    enum: HOUSING_UNAVAILABLE_REASONS,
    description: 'Required when status is unavailable, refused otherwise',
  })
  @IsOptional()
  @IsIn(HOUSING_UNAVAILABLE_REASONS, {
    message: `reason must be one of: ${HOUSING_UNAVAILABLE_REASONS.join(', ')}`,
  })
  reason?: HousingUnavailableReason;

  @ApiPropertyOptional({
    example: '2026-12-01T12:00:00.000Z',
    description: `Required when status is reserved, refused otherwise: in the future, at most ${MAX_HOUSING_RESERVATION_DAYS} days ahead. The dwelling turns vacant again by itself then.`,
  })
  @IsOptional()
  @IsISO8601(
    { strict: true, strictSeparator: true },
    { message: 'reservedUntil must be a date and time like 2026-12-01T12:00:00Z' },
  )
  reservedUntil?: string;
}
