import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Why a unit's approved places change; no free text, so nothing personal can slip in. */
export const CAPACITY_CHANGE_REASONS = [
  'decision',
  'contract-change',
  'reorganisation',
  'correction',
] as const;
export type CapacityChangeReason = (typeof CAPACITY_CHANGE_REASONS)[number];

/** History of a unit's approved places. */
@Entity('capacity_change')
export class CapacityChangeEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  unitId!: string;

  @Column('int')
  previousCapacity!: number;

  @Column('int')
  capacity!: number;

  @Column('text')
  reason!: CapacityChangeReason;

  @Column('timestamptz')
  changedAt!: Date;
}
