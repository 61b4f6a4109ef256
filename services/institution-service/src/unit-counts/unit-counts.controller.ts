import { Body, Controller, Headers, Inject, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { Roles } from '@plass/auth';
import { changeCapacity, reportCensus, type UnitResultDto } from '@plass/contracts';
import { bodyDto, ContractRoute } from '@plass/observability';
import type { Response } from 'express';
import { Write, type WriteRequest } from '../common/write-request';
import { UnitCountsService } from './unit-counts.service';

class ChangeCapacityBody extends bodyDto(changeCapacity) {}
class ReportCensusBody extends bodyDto(reportCensus) {}

@Controller()
export class UnitCountsController {
  constructor(@Inject(UnitCountsService) private readonly counts: UnitCountsService) {}

  @ContractRoute(changeCapacity)
  @Roles('institution-staff', 'admin')
  changeCapacity(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Body() body: ChangeCapacityBody,
    @Write() request: WriteRequest,
  ): Promise<UnitResultDto> {
    return this.counts.changeCapacity(unitId, body, request);
  }

  /** The If-Match header is the one part of the request a route of the contract does not describe. */
  @ContractRoute(reportCensus)
  @Roles('institution-staff', 'admin')
  @ApiHeader({
    name: 'If-Match',
    required: true,
    description: 'The unit sequence the numbers are based on (from GET /api/units/{unitId} or its ETag)',
  })
  async reportCensus(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Body() body: ReportCensusBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Write() request: WriteRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UnitResultDto> {
    const result = await this.counts.reportCensus(unitId, body, ifMatch, request);
    response.setHeader('ETag', `"${result.unit.sequence}"`);
    return result;
  }
}
