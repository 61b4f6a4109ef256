import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BLOCK_REASONS, type BlockReason } from '@plass/domain';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { IsWholeNumberBetween } from '../../common/validators';

export class CreateBlockDto {
  @ApiProperty({ minimum: 1, maximum: 1000, example: 2, description: 'Places to take out of use' })
  @IsWholeNumberBetween(1, 1000)
  places!: number;

  @ApiProperty({ enum: BLOCK_REASONS })
  @IsIn(BLOCK_REASONS, { message: `reason must be one of: ${BLOCK_REASONS.join(', ')}` })
  reason!: BlockReason;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-12-01T12:00:00Z',
    description: 'When the places come back into use by themselves (future, at most 366 days ahead)',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'until must be a date and time like 2026-12-01T12:00:00Z' })
  @Matches(/T.*(Z|[+-]\d{2}:\d{2})$/, {
    message: 'until must be a date and time with a time zone, like 2026-12-01T12:00:00Z',
  })
  until?: string;
}
