import { ApiProperty } from '@nestjs/swagger';
import { IsWholeNumberBetween } from '../../common/validators';

/** The unit's own count of the moment (telling): absolute numbers, not changes. */
export class ReportCensusDto {
  @ApiProperty({ minimum: 0, maximum: 1000, example: 14, description: 'Residents in the unit now' })
  @IsWholeNumberBetween(0, 1000)
  occupied!: number;

  @ApiProperty({
    minimum: 0,
    maximum: 1000,
    example: 1,
    description: 'Places out of use now; at most the unit’s capacity',
  })
  @IsWholeNumberBetween(0, 1000)
  blocked!: number;
}
