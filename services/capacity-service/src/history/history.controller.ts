import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HistoryQuery } from './dto/history.query';
import { HistoryService, type HistoryDto } from './history.service';

@ApiTags('capacity history and reports')
@ApiBearerAuth()
@Controller('api/capacity/history')
export class HistoryController {
  constructor(@Inject(HistoryService) private readonly history: HistoryService) {}

  @Get()
  @ApiOperation({
    summary: "A scope's capacity over time (any role)",
    description:
      'One point per hour or Oslo calendar day: the state at the end of the step, the last change before it ' +
      'carried forward. day: at most 366 days; hour: at most 31 days. Steps that have not begun are left out.',
  })
  series(@Query() query: HistoryQuery): Promise<HistoryDto> {
    return this.history.series(query);
  }
}
