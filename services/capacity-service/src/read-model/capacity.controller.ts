import { BadRequestException, Controller, Inject, NotFoundException, Query } from '@nestjs/common';
import {
  getCapacitySnapshot,
  getCapacitySummary,
  type CapacitySnapshot,
  type CapacitySummary,
} from '@plass/contracts';
import { scopeKey } from '@plass/domain';
import { ContractRoute, queryDto } from '@plass/observability';
import { CapacityReadService } from './capacity-read.service';

class CapacitySnapshotQuery extends queryDto(getCapacitySnapshot) {}

@Controller()
export class CapacityController {
  constructor(@Inject(CapacityReadService) private readonly reads: CapacityReadService) {}

  @ContractRoute(getCapacitySummary)
  summary(): Promise<CapacitySummary> {
    return this.reads.summary();
  }

  /** The current state and version of one scope (the gateway's subscribe snapshot). */
  @ContractRoute(getCapacitySnapshot)
  async snapshot(@Query() query: CapacitySnapshotQuery): Promise<CapacitySnapshot> {
    if (query.scope !== 'city' && !query.id)
      throw new BadRequestException(`scope ${query.scope} needs an id`);
    const key = scopeKey(query.scope, query.id);
    const snapshot = await this.reads.snapshot(key);
    if (!snapshot) throw new NotFoundException(`no capacity is known for ${key}`);
    return snapshot;
  }
}
