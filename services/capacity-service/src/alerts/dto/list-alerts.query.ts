import { ApiPropertyOptional } from '@nestjs/swagger';
import { ALERT_CODES, ALERT_STATUSES, type AlertCode, type AlertStatus } from '@plass/domain';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

const list = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value;

export class ListAlertsQuery {
  @ApiPropertyOptional({
    description: 'One status or a comma-separated list; default open,acknowledged (the unresolved ones).',
    example: 'open',
  })
  @IsOptional()
  @Transform(list)
  @IsIn(ALERT_STATUSES, { each: true, message: `status must be one of: ${ALERT_STATUSES.join(', ')}` })
  status?: AlertStatus[];

  @ApiPropertyOptional({ description: 'One code or a comma-separated list.', example: 'OVER_CAPACITY' })
  @IsOptional()
  @Transform(list)
  @IsIn(ALERT_CODES, { each: true, message: `code must be one of: ${ALERT_CODES.join(', ')}` })
  code?: AlertCode[];

  @ApiPropertyOptional({
    description:
      'A scope key (`city`, `unit:<id>`, `institution:<id>`, `category:<code>`, `district:<code>`): the alerts ' +
      'that concern it, e.g. an institution’s own alerts and its units’.',
    example: 'category:acute',
  })
  @IsOptional()
  @Matches(/^(city|(unit|institution|category|district|provider-type):[A-Za-z0-9_.-]{1,100})$/, {
    message:
      'scope must be a scope key: city, unit:<id>, institution:<id>, category:<code> or district:<code>',
  })
  scope?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
