import type { BlockReason } from '@plass/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How a block ended: lifted by a person, expired at `until`, replaced by a census, or the unit closed. */
export type BlockReleaseKind = 'lifted' | 'expired' | 'census' | 'closed';

/** Places of a unit out of use. The unit's `blocked` count is always the sum of its open blocks. */
@Entity('block')
export class BlockEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  unitId!: string;

  @Column('int')
  places!: number;

  /** null for places a census reported as blocked without saying why. */
  @Column('text', { nullable: true })
  reason!: BlockReason | null;

  @Column('timestamptz', { nullable: true })
  until!: Date | null;

  /** When the places went out of use: the block's `from`, now unless given earlier (ADR 0212). */
  @Column('timestamptz')
  createdAt!: Date;

  /** When the places came back into use: the lifting's `to`, now unless given earlier. */
  @Column('timestamptz', { nullable: true })
  releasedAt!: Date | null;

  @Column('text', { nullable: true })
  releaseKind!: BlockReleaseKind | null;
}
