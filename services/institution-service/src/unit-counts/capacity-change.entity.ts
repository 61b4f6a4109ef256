import type { CapacityChangeReason } from '@plass/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

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
