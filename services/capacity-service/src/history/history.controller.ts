import { Controller, Inject, Query } from '@nestjs/common';
import { getCapacityHistory, type CapacityHistory } from '@plass/contracts';
import { ContractRoute, queryDto } from '@plass/observability';
import { HistoryService } from './history.service';

class CapacityHistoryQuery extends queryDto(getCapacityHistory) {}

@Controller()
export class HistoryController {
  constructor(@Inject(HistoryService) private readonly history: HistoryService) {}

  @ContractRoute(getCapacityHistory)
  series(@Query() query: CapacityHistoryQuery): Promise<CapacityHistory> {
    return this.history.series(query);
  }
}
