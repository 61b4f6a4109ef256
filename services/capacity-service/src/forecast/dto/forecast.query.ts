import { ApiPropertyOptional } from '@nestjs/swagger';
import { SERVICE_CATEGORY_CODES, type ServiceCategoryCode } from '@plass/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export class ForecastQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 90, default: 14, description: 'Days ahead, from tomorrow' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'days must be a whole number from 1 to 90' })
  @Min(1, { message: 'days must be a whole number from 1 to 90' })
  @Max(90, { message: 'days must be a whole number from 1 to 90' })
  days?: number;

  @ApiPropertyOptional({ enum: SERVICE_CATEGORY_CODES, description: 'Only this service category' })
  @IsOptional()
  @IsIn(SERVICE_CATEGORY_CODES, { message: `category must be one of: ${SERVICE_CATEGORY_CODES.join(', ')}` })
  category?: ServiceCategoryCode;
}
