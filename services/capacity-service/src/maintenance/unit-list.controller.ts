/**
 * `GET /api/capacity/units`: the read model's state of each unit with its sequence, for the dashboard's
 * lists and for `npm run reconcile`, which compares it with the institution service.
 */
import { Controller, Inject, Query } from '@nestjs/common';
import { listCapacityUnits, type CapacityUnit } from '@plass/contracts';
import { withTotals } from '@plass/domain';
import { ContractRoute, queryDto } from '@plass/observability';
import { DataSource } from 'typeorm';
import { UnitListRepository } from './unit-list.repository';

class CapacityUnitsQuery extends queryDto(listCapacityUnits) {}

@Controller()
export class UnitListController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(UnitListRepository) private readonly units: UnitListRepository,
  ) {}

  @ContractRoute(listCapacityUnits)
  async list(@Query() query: CapacityUnitsQuery): Promise<CapacityUnit[]> {
    const rows = await this.units.list(this.dataSource.manager, {
      category: query.category ?? null,
      districtCode: query.districtCode ?? null,
      providerType: query.providerType ?? null,
      onlyAvailable: query.onlyAvailable ?? false,
      includeClosed: query.includeClosed ?? false,
    });
    return rows.map((u) => ({
      id: u.unitId,
      name: u.unitName,
      institutionId: u.institutionId,
      institutionName: u.institutionName,
      category: u.category,
      providerType: u.providerType,
      districtCode: u.districtCode,
      features: u.features,
      ...withTotals(u),
      closed: u.closed,
      sequence: u.sequence,
      lastChangeKind: u.lastChangeKind,
      updatedAt: u.lastChangeAt,
    }));
  }
}
