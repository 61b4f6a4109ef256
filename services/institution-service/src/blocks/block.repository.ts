/** Database access for blocks. Methods that lock take the caller's EntityManager (transaction). */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { BlockEntity, type BlockReleaseKind } from './block.entity';

@Injectable()
export class BlockRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  insert(manager: EntityManager, block: BlockEntity): Promise<BlockEntity> {
    return manager.save(BlockEntity, block);
  }

  /** Locks one block of a unit (the unit is already locked by the caller). */
  lock(manager: EntityManager, unitId: string, blockId: string): Promise<BlockEntity | null> {
    return manager.findOne(BlockEntity, {
      where: { id: blockId, unitId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Locks the unit's open blocks. */
  lockOpen(manager: EntityManager, unitId: string): Promise<BlockEntity[]> {
    return manager.find(BlockEntity, {
      where: { unitId, releasedAt: IsNull() },
      order: { createdAt: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Stores a corrected start or end (ADR 0214). */
  async saveTimes(manager: EntityManager, block: BlockEntity): Promise<void> {
    await manager.update(
      BlockEntity,
      { id: block.id },
      { createdAt: block.createdAt, releasedAt: block.releasedAt },
    );
  }

  findOpen(unitId: string): Promise<BlockEntity[]> {
    return this.dataSource
      .getRepository(BlockEntity)
      .find({ where: { unitId, releasedAt: IsNull() }, order: { createdAt: 'ASC' } });
  }

  /** Releases blocks at `at` (now unless a lifting says when it took effect, ADR 0212). */
  release(
    manager: EntityManager,
    blocks: BlockEntity[],
    kind: BlockReleaseKind,
    at: Date = new Date(),
  ): Promise<BlockEntity[]> {
    for (const block of blocks) {
      block.releasedAt = at;
      block.releaseKind = kind;
    }
    return manager.save(BlockEntity, blocks);
  }

  /** Open blocks whose `until` has passed, oldest first; not locked (the scheduler locks each one). */
  async findDue(limit: number): Promise<{ id: string; unitId: string }[]> {
    const rows = await this.dataSource.query<{ id: string; unit_id: string }[]>(
      `SELECT id, unit_id FROM block WHERE released_at IS NULL AND until <= now() ORDER BY until LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, unitId: r.unit_id }));
  }

  /** Locks one due block, skipping it when another replica holds it. */
  lockDue(manager: EntityManager, blockId: string): Promise<BlockEntity | null> {
    return manager
      .createQueryBuilder(BlockEntity, 'b')
      .where('b.id = :blockId AND b.releasedAt IS NULL AND b.until <= now()', { blockId })
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getOne();
  }
}
