import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { DISTRICT_CODES, isDistrictCode, type DistrictCode } from '@plass/domain';

/** A `:districtCode` path parameter: an Oslo district code, or 400 listing the valid ones. */
@Injectable()
export class ParseDistrictCodePipe implements PipeTransform<string, DistrictCode> {
  transform(value: string): DistrictCode {
    if (!isDistrictCode(value)) {
      throw new BadRequestException(
        `districtCode ${JSON.stringify(value)} is not a district; use one of: ${DISTRICT_CODES.join(', ')}`,
      );
    }
    return value;
  }
}
