import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { INSTANT_MESSAGE, INSTANT_PATTERN } from '../../reports/period';

export class IndicatorsQuery {
  @ApiProperty({
    example: '2024-01-01',
    description: 'Start: a date (midnight in Oslo) or a date and time with zone',
  })
  @Matches(INSTANT_PATTERN, { message: INSTANT_MESSAGE('from') })
  from!: string;

  @ApiProperty({
    example: '2025-01-01',
    description: 'End (exclusive), as from; at most 366 days after from',
  })
  @Matches(INSTANT_PATTERN, { message: INSTANT_MESSAGE('to') })
  to!: string;
}
