import { ApiProperty } from '@nestjs/swagger';
import { MAX_NAME_LENGTH } from '@plass/contracts';
import { IsFreeText } from '@plass/service-kit';

/** `PATCH /api/institutions/:id` and `PATCH /api/units/:unitId`: the new name, nothing else. */
export class RenameDto {
  @ApiProperty({
    example: 'Prindsen mottakssenter',
    maxLength: MAX_NAME_LENGTH,
    description: 'Free text without control characters or a national identity number (ADR 0110)',
  })
  @IsFreeText({ maxLength: MAX_NAME_LENGTH })
  name!: string;
}
