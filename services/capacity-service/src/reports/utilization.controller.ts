import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { UtilizationQuery } from './dto/utilization.query';
import { utilizationCsv, utilizationCsvFilename } from './utilization-csv';
import { UtilizationService, type UtilizationReportDto } from './utilization.service';

@ApiTags('capacity history and reports')
@ApiBearerAuth()
@Controller('api/capacity/reports')
export class UtilizationController {
  constructor(@Inject(UtilizationService) private readonly reports: UtilizationService) {}

  @Get('utilization')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary: 'Bed-days per group over a period (any role)',
    description:
      'possible = ∫ capacity dt of open units; used = ∫ occupied dt; blocked = ∫ blocked dt; ' +
      'unused = possible − used − blocked; occupancy rate = used / (possible − blocked). One bed-day is one ' +
      'place for one Oslo calendar day. The city\'s own figures have no blocked part: their "unused" is our ' +
      'unused + blocked. At most five years; a period reaching into the future is counted up to now.',
  })
  async utilization(
    @Query() query: UtilizationQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UtilizationReportDto | string> {
    const report = await this.reports.report(query);
    if (query.format !== 'csv') return report;
    response.setHeader('content-type', 'text/csv; charset=utf-8');
    response.setHeader('content-disposition', `attachment; filename="${utilizationCsvFilename(report)}"`);
    return utilizationCsv(report);
  }
}
