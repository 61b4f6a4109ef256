import { ApiProperty } from '@nestjs/swagger';
import { SERVICE_CATEGORY_CODES, type ServiceCategoryCode } from '@plass/domain';
import { MAX_NAME_LENGTH } from '@plass/contracts';
import { IsFreeText } from '@plass/service-kit';
import { IsIn } from 'class-validator';
import { IsWholeNumberBetween } from '../../common/validators';

export class CreateUnitDto {
  @ApiProperty({
    example: 'Avdeling 1',
    maxLength: MAX_NAME_LENGTH,
    description: 'Free text without control characters or a national identity number (ADR 0110)',
  })
  @IsFreeText({ maxLength: MAX_NAME_LENGTH })
  name!: string;

  @ApiProperty({ enum: SERVICE_CATEGORY_CODES })
  @IsIn(SERVICE_CATEGORY_CODES, { message: `category must be one of: ${SERVICE_CATEGORY_CODES.join(', ')}` })
  category!: ServiceCategoryCode;

  @ApiProperty({ minimum: 0, maximum: 1000, example: 8, description: 'Approved places' })
  @IsWholeNumberBetween(0, 1000)
  capacity!: number;
}
