import { ApiProperty } from '@nestjs/swagger';
import { DISCHARGE_REASONS, type DischargeReason } from '@plass/domain';
import { IsIn, IsUUID } from 'class-validator';

export class DischargeResidentDto {
  @ApiProperty({ format: 'uuid', description: 'The stayId the admission answered with' })
  @IsUUID('all', { message: 'stayId must be a UUID' })
  stayId!: string;

  @ApiProperty({
    enum: DISCHARGE_REASONS,
    description: '`immediate` is øyeblikkelig utskrivning (violence or threats)',
  })
  @IsIn(DISCHARGE_REASONS, { message: `reason must be one of: ${DISCHARGE_REASONS.join(', ')}` })
  reason!: DischargeReason;
}
