/** The districts' registered housing need: read it, and replace one district's need as one versioned change. */
import { Inject, Injectable } from '@nestjs/common';
import { canManageDistrictHousing } from '@plass/auth';
import type { HousingNeedDto, UpdateHousingNeedRequest } from '@plass/contracts';
import { DISTRICT_CODES, districtName, type DistrictCode } from '@plass/domain';
import { enqueueOutbox } from '@plass/messaging';
import { HousingException } from '../housing.exception';
import { IdempotencyService } from '@plass/persistence';
import { idempotentWrite, type WriteRequest } from '../write-request';
import { housingNeedChangedMessage } from './housing-need-event';
import { fullNeeds, sameNeeds, totalNeed } from './housing-need-map';
import type { HousingNeedEntity } from './housing-need.entity';
import { HousingNeedRepository } from './housing-need.repository';

function toHousingNeedDto(
  districtCode: DistrictCode,
  row: HousingNeedEntity | undefined | null,
): HousingNeedDto {
  const needs = fullNeeds(row?.needs ?? {});
  return {
    districtCode,
    needs,
    total: totalNeed(needs),
    sequence: row?.sequence ?? 0,
    updatedAt: row?.updatedAt?.toISOString() ?? null,
  };
}

@Injectable()
export class HousingNeedService {
  constructor(
    @Inject(HousingNeedRepository) private readonly needs: HousingNeedRepository,
    @Inject(IdempotencyService) private readonly idempotency: IdempotencyService,
  ) {}

  /** Every district, those that have registered nothing with zeros and sequence 0. */
  async list(): Promise<HousingNeedDto[]> {
    const rows = new Map((await this.needs.list()).map((row) => [row.districtCode, row]));
    return DISTRICT_CODES.map((code) => toHousingNeedDto(code, rows.get(code)));
  }

  async get(districtCode: DistrictCode): Promise<HousingNeedDto> {
    return toHousingNeedDto(districtCode, await this.needs.find(districtCode));
  }

  /**
   * Replaces the district's need (types left out become 0). A change bumps the sequence and emits the
   * whole map; the same numbers again change nothing and emit nothing (docs/decisions/0023).
   */
  update(
    districtCode: DistrictCode,
    body: UpdateHousingNeedRequest,
    request: WriteRequest,
  ): Promise<HousingNeedDto> {
    return this.idempotency.run(idempotentWrite(request), {
      authorize: () => {
        if (!canManageDistrictHousing(request.user, districtCode)) {
          throw new HousingException(
            'NOT_YOUR_DISTRICT',
            `only admin or staff of ${districtName(districtCode)} (${districtCode}) may register its housing need`,
            { districtCode },
          );
        }
        return Promise.resolve();
      },
      work: async (manager) => {
        const row = await this.needs.lock(manager, districtCode);
        const next = fullNeeds(body.needs);
        if (sameNeeds(fullNeeds(row.needs), next)) return toHousingNeedDto(districtCode, row);
        row.needs = next;
        row.sequence += 1;
        row.updatedAt = new Date();
        const saved = await this.needs.save(manager, row);
        await enqueueOutbox(manager, [
          housingNeedChangedMessage(districtCode, next, saved.sequence, row.updatedAt),
        ]);
        return toHousingNeedDto(districtCode, saved);
      },
    });
  }
}
