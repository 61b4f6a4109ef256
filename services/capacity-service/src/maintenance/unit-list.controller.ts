/**
 * `GET /api/capacity/units`: the read model's state of each unit with its sequence, for the dashboard's
 * lists and for `npm run reconcile`, which compares it with the institution service.
 */
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  withTotals,
  type CapacityTotals,
  type DistrictCode,
  type ProviderType,
  type ServiceCategoryCode,
} from '@plass/domain';
import { DataSource } from 'typeorm';
import { ListUnitsQuery } from './dto/list-units.query';
import { UnitListRepository } from './unit-list.repository';

export interface CapacityUnitDto extends CapacityTotals {
  id: string;
  name: string;
  institutionId: string;
  institutionName: string;
  category: ServiceCategoryCode;
  providerType: ProviderType;
  districtCode: DistrictCode;
  closed: boolean;
  /** The unit's sequence as the read model last applied it (the source's version of the unit). */
  sequence: number;
  lastChangeKind: string;
  updatedAt: string;
}

@ApiTags('capacity')
@ApiBearerAuth()
@Controller('api/capacity/units')
export class UnitListController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(UnitListRepository) private readonly units: UnitListRepository,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Units as the read model has them, with their sequence (any role)',
    description:
      'Closed units only with includeClosed=true; onlyAvailable=true keeps open units with a free place.',
  })
  async list(@Query() query: ListUnitsQuery): Promise<CapacityUnitDto[]> {
    const rows = await this.units.list(this.dataSource.manager, {
      category: query.category ?? null,
      districtCode: query.districtCode ?? null,
      providerType: query.providerType ?? null,
      onlyAvailable: query.onlyAvailable === 'true',
      includeClosed: query.includeClosed === 'true',
    });
    return rows.map((u) => ({
      id: u.unitId,
      name: u.unitName,
      institutionId: u.institutionId,
      institutionName: u.institutionName,
      category: u.category,
      providerType: u.providerType,
      districtCode: u.districtCode,
      ...withTotals(u),
      closed: u.closed,
      sequence: u.sequence,
      lastChangeKind: u.lastChangeKind,
      updatedAt: u.lastChangeAt,
    }));
  }
}
