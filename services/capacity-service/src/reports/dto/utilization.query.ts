import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { INSTANT_MESSAGE, INSTANT_PATTERN } from '../period';

export const GROUP_BYS = ['category', 'institution', 'providerType', 'district'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export class UtilizationQuery {
  @ApiProperty({
    example: '2024-01-01',
    description: 'Start: a date (midnight in Oslo) or a date and time with zone',
  })
  @Matches(INSTANT_PATTERN, { message: INSTANT_MESSAGE('from') })
  from!: string;

  @ApiProperty({ example: '2025-01-01', description: 'End (exclusive), as from; counted up to now at most' })
  @Matches(INSTANT_PATTERN, { message: INSTANT_MESSAGE('to') })
  to!: string;

  @ApiPropertyOptional({ enum: GROUP_BYS, default: 'category' })
  @IsOptional()
  @IsIn(GROUP_BYS, { message: `groupBy must be one of: ${GROUP_BYS.join(', ')}` })
  groupBy?: GroupBy;

  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    default: 'json',
    description:
      'csv: semicolon-separated, decimal comma, UTF-8 with BOM (opens as is in Excel with Norwegian settings)',
  })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: `format must be one of: ${REPORT_FORMATS.join(', ')}` })
  format?: ReportFormat;
}
