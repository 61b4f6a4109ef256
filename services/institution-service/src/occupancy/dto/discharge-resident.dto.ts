import { ApiProperty } from '@nestjs/swagger';
import { DISCHARGE_REASONS, type DischargeReason } from '@plass/domain';
import { IsIn, IsUUID } from 'class-validator';

export class DischargeResidentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  stayId!: string;

  @ApiProperty({ enum: DISCHARGE_REASONS })
  @IsIn(DISCHARGE_REASONS, { message: `reason must be one of: ${DISCHARGE_REASONS.join(', ')}` })
  reason!: DischargeReason;
}
