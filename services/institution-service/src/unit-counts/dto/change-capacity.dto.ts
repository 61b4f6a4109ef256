import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsWholeNumberBetween } from '../../common/validators';
import { CAPACITY_CHANGE_REASONS, type CapacityChangeReason } from '../capacity-change.entity';

export class ChangeCapacityDto {
  @ApiProperty({ minimum: 0, maximum: 1000, example: 12, description: 'The new number of approved places' })
  @IsWholeNumberBetween(0, 1000)
  capacity!: number;

  @ApiProperty({
    enum: CAPACITY_CHANGE_REASONS,
    description:
      '`decision` (vedtak), `contract-change` (purchase agreement changed), `reorganisation`, `correction` (the registry was wrong)',
  })
  @IsIn(CAPACITY_CHANGE_REASONS, { message: `reason must be one of: ${CAPACITY_CHANGE_REASONS.join(', ')}` })
  reason!: CapacityChangeReason;
}
