import { Body, Controller, Headers, Inject, Param, ParseUUIDPipe, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@plass/auth';
import type { UnitResultDto } from '@plass/contracts';
import type { Response } from 'express';
import { ApiProblems, UnitResultModel } from '../common/api-models';
import { IdempotentWrite, Write, type WriteRequest } from '../common/write-request';
import { ChangeCapacityDto } from './dto/change-capacity.dto';
import { ReportCensusDto } from './dto/report-census.dto';
import { UnitCountsService } from './unit-counts.service';

@ApiTags('capacity and census')
@ApiBearerAuth()
@ApiParam({ name: 'unitId', format: 'uuid', description: 'The unit' })
@Controller('api/units/:unitId')
export class UnitCountsController {
  constructor(@Inject(UnitCountsService) private readonly counts: UnitCountsService) {}

  @Put('capacity')
  @Roles('institution-staff', 'admin')
  @IdempotentWrite()
  @ApiOperation({ summary: 'Change the approved places (institution staff of the unit, admin)' })
  @ApiOkResponse({ type: UnitResultModel })
  @ApiProblems(
    [403, 'Not staff of this institution'],
    [404, 'No such unit'],
    [409, 'Unit closed, or the new capacity is below the blocked places'],
  )
  changeCapacity(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Body() dto: ChangeCapacityDto,
    @Write() request: WriteRequest,
  ): Promise<UnitResultDto> {
    return this.counts.changeCapacity(unitId, dto, request);
  }

  @Put('census')
  @Roles('institution-staff', 'admin')
  @IdempotentWrite()
  @ApiHeader({
    name: 'If-Match',
    required: true,
    description: 'The unit sequence the numbers are based on (from GET /api/units/{unitId} or its ETag)',
  })
  @ApiOperation({
    summary: 'Report the absolute occupied and blocked counts (institution staff of the unit, admin)',
    description:
      'Also when nothing changed: the event (kind `census`) confirms the numbers are current. ' +
      'A stale If-Match answers 412 with the current unit in `unit`.',
  })
  @ApiOkResponse({ type: UnitResultModel })
  @ApiProblems(
    [403, 'Not staff of this institution'],
    [404, 'No such unit'],
    [409, 'Unit closed'],
    [412, 'The unit changed since the sequence in If-Match; the body has the current unit'],
    [428, 'If-Match missing'],
  )
  async reportCensus(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Body() dto: ReportCensusDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Write() request: WriteRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UnitResultDto> {
    const result = await this.counts.reportCensus(unitId, dto, ifMatch, request);
    response.setHeader('ETag', `"${result.unit.sequence}"`);
    return result;
  }
}
