/** Read side of housing: supply against need per district and type, and for the whole city. */
import { Inject, Injectable } from '@nestjs/common';
import type { HousingOverview } from '@plass/contracts';
import { DISTRICT_CODES, type DistrictCode } from '@plass/domain';
import { DataSource } from 'typeorm';
import {
  emptyByType,
  housingChangedData,
  supplyByDistrict,
  supplyTotals,
  sumByType,
} from './housing-projection';
import { HousingRepository } from './housing.repository';

@Injectable()
export class HousingReadService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(HousingRepository) private readonly repository: HousingRepository,
  ) {}

  /** Every district (zeros and version 0 where nothing is known), or only `districtCode`; city totals always. */
  async overview(districtCode?: DistrictCode): Promise<HousingOverview> {
    const m = this.dataSource.manager;
    const [{ statusCounts, needCounts }, versions] = await Promise.all([
      this.repository.counts(m, null),
      this.repository.versions(m),
    ]);
    const supply = supplyByDistrict(statusCounts, needCounts);
    const cityByType = sumByType([...supply.values()]);
    const districts = (districtCode ? [districtCode] : DISTRICT_CODES).map((code) => {
      const version = versions.get(code);
      return housingChangedData(
        code,
        supply.get(code) ?? emptyByType(),
        version?.version ?? 0,
        version?.updatedAt ?? new Date(0),
      );
    });
    return { city: { byType: cityByType, totals: supplyTotals(cityByType) }, districts };
  }
}
