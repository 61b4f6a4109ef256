/** Read side: snapshots from Redis with PostgreSQL as the fallback and the truth. */
import { Inject, Injectable } from '@nestjs/common';
import type { CapacitySnapshot, CapacitySummary } from '@plass/contracts';
import { ZERO_COUNTS, withTotals } from '@plass/domain';
import { DataSource } from 'typeorm';
import { HousingReadService } from '../housing/housing-read.service';
import { ProjectionRepository } from '../projection/projection.repository';
import { SnapshotCache } from '../snapshot/snapshot.cache';
import { toSnapshot } from './scope-snapshot';

/** The city always exists, even before the first unit is registered. */
const EMPTY_CITY: CapacitySnapshot = {
  scope: 'city',
  id: null,
  key: 'city',
  name: 'Oslo',
  totals: { ...withTotals(ZERO_COUNTS), overCapacity: 0 },
  waiting: 0,
  version: 0,
  updatedAt: new Date(0).toISOString(),
};

@Injectable()
export class CapacityReadService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ProjectionRepository) private readonly repository: ProjectionRepository,
    @Inject(SnapshotCache) private readonly cache: SnapshotCache,
    @Inject(HousingReadService) private readonly housing: HousingReadService,
  ) {}

  async snapshot(key: string): Promise<CapacitySnapshot | null> {
    const cached = await this.cache.get(key);
    if (cached) return cached;
    const row = await this.repository.findScope(this.dataSource.manager, key);
    if (row) return toSnapshot(row);
    return key === 'city' ? EMPTY_CITY : null;
  }

  async summary(): Promise<CapacitySummary> {
    const m = this.dataSource.manager;
    const [city, categories, districts, providerTypes, housing] = await Promise.all([
      this.snapshot('city').then((snapshot) => snapshot ?? EMPTY_CITY),
      this.repository.listScopes(m, 'category'),
      this.repository.listScopes(m, 'district'),
      this.repository.listScopes(m, 'provider-type'),
      this.housing.overview(),
    ]);
    return {
      city,
      categories: categories.map(toSnapshot),
      districts: districts.map(toSnapshot),
      providerTypes: providerTypes.map(toSnapshot),
      housing,
    };
  }
}
