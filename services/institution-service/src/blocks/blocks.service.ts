/** Blocked places: taken out of use with a reason, lifted by a person or released at `until` by the scheduler. */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type {
  BlockCorrectionBody,
  BlockDto,
  BlockPlacesBody,
  BlockResultDto,
  UnitResultDto,
} from '@plass/contracts';
import type { EntityManager } from 'typeorm';
import { idempotencyContext, type WriteRequest } from '../common/write-request';
import {
  assertWithinWindow,
  effectiveAtOf,
  effectiveTime,
  requireNotAfter,
  requireNotBefore,
  type BackdatePolicy,
  type EffectiveTime,
} from '../common/effective-time';
import { requireInstantAhead } from '../common/time';
import { INSTITUTION_CONFIG, type InstitutionConfig } from '../config';
import { IdempotencyService } from '@plass/persistence';
import { InstitutionException } from '../institution.exception';
import { assertOpen, toUnitDto, UnitChanges, type UnitEntity } from '../unit';
import { BlockEntity } from './block.entity';
import { BlockRepository } from './block.repository';

export const MAX_BLOCK_DAYS = 366;

export function toBlockDto(block: BlockEntity): BlockDto {
  return {
    id: block.id,
    unitId: block.unitId,
    places: block.places,
    reason: block.reason,
    until: block.until?.toISOString() ?? null,
    createdAt: block.createdAt.toISOString(),
  };
}

@Injectable()
export class BlocksService {
  constructor(
    @Inject(BlockRepository) private readonly blocks: BlockRepository,
    @Inject(UnitChanges) private readonly changes: UnitChanges,
    @Inject(IdempotencyService) private readonly idempotency: IdempotencyService,
    @Inject(INSTITUTION_CONFIG) private readonly config: InstitutionConfig,
  ) {}

  private policy(request: WriteRequest): BackdatePolicy {
    return { user: request.user, windowDays: this.config.backdateWindowDays };
  }

  async listOpen(unitId: string): Promise<BlockDto[]> {
    await this.changes.get(unitId); // 404 when the unit is unknown
    return (await this.blocks.findOpen(unitId)).map(toBlockDto);
  }

  async block(unitId: string, dto: BlockPlacesBody, request: WriteRequest): Promise<BlockResultDto> {
    const until = dto.until === undefined ? null : requireInstantAhead('until', dto.until, MAX_BLOCK_DAYS);
    const from = effectiveTime('from', dto.from, this.policy(request));
    const body = await this.idempotency.run(idempotencyContext(request), {
      authorize: (manager) => this.changes.authorizeInstitutionWrite(manager, unitId, request.user),
      work: async (manager, unit) => {
        assertOpen(unit);
        requireNotBefore('from', from.at, unit.openedAt, `the opening of unit ${unit.name}`);
        if (dto.places > unit.capacity) {
          throw new InstitutionException(
            'INVALID_VALUE',
            `cannot block ${dto.places} places: unit ${unit.name} has only ${unit.capacity}`,
          );
        }
        if (unit.blocked + dto.places > unit.capacity) {
          throw new InstitutionException(
            'TOO_MANY_BLOCKED',
            `unit ${unit.name} has ${unit.capacity} places and ${unit.blocked} already blocked; ` +
              `at most ${unit.capacity - unit.blocked} more can be blocked`,
            { unit: toUnitDto(unit) },
          );
        }
        const block = await this.blocks.insert(
          manager,
          Object.assign(new BlockEntity(), {
            id: randomUUID(),
            unitId,
            places: dto.places,
            reason: dto.reason,
            until,
            createdAt: from.at,
            releasedAt: null,
            releaseKind: null,
          }),
        );
        unit.blocked += dto.places;
        const saved = await this.changes.commit(manager, unit, {
          kind: 'block',
          ...effectiveAtOf(from),
          blockId: block.id,
          places: dto.places,
          reason: dto.reason,
        });
        return { blockId: block.id, unit: toUnitDto(saved) };
      },
    });
    return body;
  }

  async lift(
    unitId: string,
    blockId: string,
    liftedAt: string | undefined,
    request: WriteRequest,
  ): Promise<UnitResultDto> {
    const to = effectiveTime('to', liftedAt, this.policy(request));
    const body = await this.idempotency.run(idempotencyContext(request), {
      authorize: (manager) => this.changes.authorizeInstitutionWrite(manager, unitId, request.user),
      work: async (manager, unit) => {
        const block = await this.blocks.lock(manager, unitId, blockId);
        if (!block) {
          throw new InstitutionException('BLOCK_NOT_FOUND', `unit ${unit.name} has no block ${blockId}`);
        }
        if (block.releasedAt) {
          throw new InstitutionException(
            'BLOCK_ALREADY_RELEASED',
            `block ${blockId} was already released at ${block.releasedAt.toISOString()} (${block.releaseKind})`,
          );
        }
        requireNotBefore('to', to.at, block.createdAt, `the start of block ${blockId}`);
        const saved = await this.release(manager, unit, block, 'lifted', to);
        return { unit: toUnitDto(saved) };
      },
    });
    return body;
  }

  /**
   * Releases one block whose `until` has passed, in the caller's transaction. Returns false when another
   * replica holds the unit or the block, or has released it already: it is skipped, never released twice.
   */
  async expire(manager: EntityManager, unitId: string, blockId: string): Promise<boolean> {
    const unit = await this.changes.lockUnlessBusy(manager, unitId);
    if (!unit) return false;
    const block = await this.blocks.lockDue(manager, blockId);
    if (!block) return false;
    await this.release(manager, unit, block, 'expired');
    return true;
  }

  private async release(
    manager: EntityManager,
    unit: UnitEntity,
    block: BlockEntity,
    kind: 'lifted' | 'expired',
    at?: EffectiveTime,
  ): Promise<UnitEntity> {
    await this.blocks.release(manager, [block], kind, at?.at);
    unit.blocked = Math.max(0, unit.blocked - block.places);
    return this.changes.commit(manager, unit, {
      kind: 'unblock',
      ...(at ? effectiveAtOf(at) : {}),
      blockId: block.id,
      places: block.places,
      ...(block.reason ? { reason: block.reason } : {}),
    });
  }

  /**
   * Moves a block's start or end to the right time (ADR 0214): counts unchanged, sequence + 1, one
   * `corrected` event. Both the old and the new time must lie within the writer's window; the same time
   * again changes nothing.
   */
  async correct(
    unitId: string,
    blockId: string,
    dto: BlockCorrectionBody,
    request: WriteRequest,
  ): Promise<UnitResultDto> {
    const policy = this.policy(request);
    const field = dto.from !== undefined ? 'from' : 'to';
    const corrected = effectiveTime(field, dto.from ?? dto.to, policy);
    const body = await this.idempotency.run(idempotencyContext(request), {
      authorize: (manager) => this.changes.authorizeInstitutionWrite(manager, unitId, request.user),
      work: async (manager, unit) => {
        const block = await this.blocks.lock(manager, unitId, blockId);
        if (!block) {
          throw new InstitutionException('BLOCK_NOT_FOUND', `unit ${unit.name} has no block ${blockId}`);
        }
        const previous = field === 'from' ? block.createdAt : block.releasedAt;
        if (!previous) {
          throw new InstitutionException(
            'BLOCK_NOT_RELEASED',
            `block ${blockId} is still in force; lift it (with to) instead of correcting its end`,
          );
        }
        assertWithinWindow(`the recorded ${field}`, previous, policy);
        if (field === 'from') {
          requireNotBefore(field, corrected.at, unit.openedAt, `the opening of unit ${unit.name}`);
          if (block.releasedAt) {
            requireNotAfter(field, corrected.at, block.releasedAt, `the end of block ${blockId}`);
          }
        } else {
          requireNotBefore(field, corrected.at, block.createdAt, `the start of block ${blockId}`);
        }
        if (previous.getTime() === corrected.at.getTime()) return { unit: toUnitDto(unit) };
        if (field === 'from') block.createdAt = corrected.at;
        else block.releasedAt = corrected.at;
        await this.blocks.saveTimes(manager, block);
        const saved = await this.changes.commit(manager, unit, {
          kind: 'corrected',
          effectiveAt: corrected.at.toISOString(),
          correction: {
            of: field === 'from' ? 'block' : 'unblock',
            previousEffectiveAt: previous.toISOString(),
            reason: dto.reason,
          },
          blockId: block.id,
          places: block.places,
          ...(block.reason ? { reason: block.reason } : {}),
        });
        return { unit: toUnitDto(saved) };
      },
    });
    return body;
  }
}
