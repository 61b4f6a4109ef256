import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '@plass/auth';
import type { DistrictResidents } from '@plass/contracts';
import { districtName, mayReadReferrals, type DistrictCode } from '@plass/domain';
import { problem } from '@plass/observability';
import { DataSource } from 'typeorm';
import { districtResidents, RECENT_DAYS } from './residents';
import { ResidentsRepository } from './residents.repository';

@Injectable()
export class ResidentsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ResidentsRepository) private readonly repository: ResidentsRepository,
  ) {}

  async residents(user: AuthUser, districtCode: DistrictCode, now = Date.now()): Promise<DistrictResidents> {
    // The same rule as the district's referrals: its staff, and intake and admin for every district.
    if (!mayReadReferrals(user, districtCode)) {
      throw problem(
        403,
        'Not your district',
        `only staff of ${districtName(districtCode)} (${districtCode}), intake or admin may read its residents`,
        { code: 'NOT_YOUR_DISTRICT', districtCode },
      );
    }
    const since = new Date(now - RECENT_DAYS * 86_400_000);
    const [open, flow, referrals] = await this.dataSource.manager.transaction('REPEATABLE READ', (tx) =>
      Promise.all([
        this.repository.openStays(tx, districtCode),
        this.repository.recentFlow(tx, districtCode, since),
        this.repository.referrals(tx, districtCode),
      ]),
    );
    return districtResidents(districtCode, open, flow, referrals, now);
  }
}
