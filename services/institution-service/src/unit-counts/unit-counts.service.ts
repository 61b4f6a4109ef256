/**
 * Absolute numbers for a unit: a new approved capacity, and the census (telling) in which the unit
 * reports how many places are occupied and blocked right now. See ADR 0010 for how a census meets
 * the explicit blocks and the open stays.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ChangeCapacityBody, ReportCensusBody, UnitResultDto } from '@plass/contracts';
import type { EntityManager } from 'typeorm';
import { BlockEntity } from '../blocks/block.entity';
import { BlockRepository } from '../blocks/block.repository';
import { effectiveAtOf, effectiveTime, requireNotBefore } from '../common/effective-time';
import { idempotencyContext, type WriteRequest } from '../common/write-request';
import { INSTITUTION_CONFIG, type InstitutionConfig } from '../config';
import { IdempotencyService } from '@plass/persistence';
import { InstitutionException } from '../institution.exception';
import { assertOpen, toUnitDto, UnitChanges } from '../unit';
import { CapacityChangeEntity } from './capacity-change.entity';
import { parseIfMatch } from './if-match';

@Injectable()
export class UnitCountsService {
  constructor(
    @Inject(BlockRepository) private readonly blocks: BlockRepository,
    @Inject(UnitChanges) private readonly changes: UnitChanges,
    @Inject(IdempotencyService) private readonly idempotency: IdempotencyService,
    @Inject(INSTITUTION_CONFIG) private readonly config: InstitutionConfig,
  ) {}

  async changeCapacity(
    unitId: string,
    dto: ChangeCapacityBody,
    request: WriteRequest,
  ): Promise<UnitResultDto> {
    const from = effectiveTime('from', dto.from, {
      user: request.user,
      windowDays: this.config.backdateWindowDays,
    });
    const body = await this.idempotency.run(idempotencyContext(request), {
      authorize: (manager) => this.changes.authorizeInstitutionWrite(manager, unitId, request.user),
      work: async (manager, unit) => {
        assertOpen(unit);
        requireNotBefore('from', from.at, unit.openedAt, `the opening of unit ${unit.name}`);
        if (dto.capacity < unit.blocked) {
          throw new InstitutionException(
            'CAPACITY_BELOW_BLOCKED',
            `unit ${unit.name} has ${unit.blocked} blocked places; lift blocks before lowering capacity below that`,
            { unit: toUnitDto(unit) },
          );
        }
        const previous = unit.capacity;
        await manager.save(
          CapacityChangeEntity,
          Object.assign(new CapacityChangeEntity(), {
            id: randomUUID(),
            unitId,
            previousCapacity: previous,
            capacity: dto.capacity,
            reason: dto.reason,
            changedAt: from.at,
          }),
        );
        unit.capacity = dto.capacity;
        const saved = await this.changes.commit(manager, unit, {
          kind: 'capacity',
          ...effectiveAtOf(from),
          places: dto.capacity - previous,
          reason: 'capacity-change',
        });
        return { unit: toUnitDto(saved) };
      },
    });
    return body;
  }

  async reportCensus(
    unitId: string,
    dto: ReportCensusBody,
    ifMatch: string | undefined,
    request: WriteRequest,
  ): Promise<UnitResultDto> {
    const expectedSequence = parseIfMatch(ifMatch);
    const body = await this.idempotency.run(idempotencyContext(request), {
      authorize: (manager) => this.changes.authorizeInstitutionWrite(manager, unitId, request.user),
      work: async (manager, unit) => {
        assertOpen(unit);
        if (unit.sequence !== expectedSequence) {
          throw new InstitutionException(
            'SEQUENCE_MISMATCH',
            `unit ${unit.name} has changed since sequence ${expectedSequence} (now ${unit.sequence}); ` +
              'check your numbers against the current state in `unit` and send the census again with its sequence',
            { unit: toUnitDto(unit), currentSequence: unit.sequence },
          );
        }
        if (dto.blocked > unit.capacity) {
          throw new InstitutionException(
            'INVALID_VALUE',
            `blocked ${dto.blocked} is more than the ${unit.capacity} places of unit ${unit.name}`,
          );
        }
        const open = await this.blocks.lockOpen(manager, unitId);
        const openPlaces = open.reduce((sum, b) => sum + b.places, 0);
        if (dto.blocked < openPlaces) {
          // The unit reports fewer blocked places than its blocks say, without saying which ended:
          // the census replaces them all.
          await this.blocks.release(manager, open, 'census');
          if (dto.blocked > 0) await this.insertCensusBlock(manager, unitId, dto.blocked);
        } else if (dto.blocked > openPlaces) {
          // More places out of use than the explicit blocks: the difference is a block without a reason.
          await this.insertCensusBlock(manager, unitId, dto.blocked - openPlaces);
        }
        unit.blocked = dto.blocked;
        unit.occupied = dto.occupied;
        // Unchanged numbers are still an event: the census confirms they are current.
        const saved = await this.changes.commit(manager, unit, { kind: 'census' });
        return { unit: toUnitDto(saved) };
      },
    });
    return body;
  }

  private insertCensusBlock(manager: EntityManager, unitId: string, places: number): Promise<BlockEntity> {
    return this.blocks.insert(
      manager,
      Object.assign(new BlockEntity(), {
        id: randomUUID(),
        unitId,
        places,
        reason: null,
        until: null,
        createdAt: new Date(),
        releasedAt: null,
        releaseKind: null,
      }),
    );
  }
}
