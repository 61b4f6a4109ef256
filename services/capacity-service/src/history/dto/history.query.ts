import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SCOPES, type Scope } from '@plass/contracts';
import { IsPlainText } from '@plass/service-kit';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { INSTANT_MESSAGE, INSTANT_PATTERN, STEPS, type Step } from '../../reports/period';

export class HistoryQuery {
  @ApiProperty({ enum: SCOPES, example: 'category' })
  @IsIn(SCOPES, { message: `scope must be one of: ${SCOPES.join(', ')}` })
  scope!: Scope;

  @ApiPropertyOptional({
    example: 'resource-centre',
    description:
      'The scope id (unit or institution id, category code, district code, provider type); not for city',
  })
  @IsOptional()
  @IsPlainText(100)
  id?: string;

  @ApiProperty({
    example: '2024-01-01',
    description: 'Start: a date (midnight in Oslo) or a date and time with zone',
  })
  @Matches(INSTANT_PATTERN, { message: INSTANT_MESSAGE('from') })
  from!: string;

  @ApiProperty({ example: '2024-02-01', description: 'End (exclusive), as from' })
  @Matches(INSTANT_PATTERN, { message: INSTANT_MESSAGE('to') })
  to!: string;

  @ApiPropertyOptional({
    enum: STEPS,
    default: 'day',
    description: 'day: at most 366 days; hour: at most 31 days',
  })
  @IsOptional()
  @IsIn(STEPS, { message: `step must be one of: ${STEPS.join(', ')}` })
  step?: Step;
}
