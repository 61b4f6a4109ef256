import type { ServiceCategoryCode, UnitFeature } from '@plass/domain';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** An institution unit (avdeling) and its live counts; `sequence` rises by one with every change. */
@Entity('unit')
export class UnitEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  institutionId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  category!: ServiceCategoryCode;

  /** What the unit offers beside its category, in the order of the needs list (ADR 0154). */
  @Column('text', { array: true, default: () => "'{}'" })
  features!: UnitFeature[];

  @Column('int')
  capacity!: number;

  @Column('int')
  occupied!: number;

  @Column('int')
  blocked!: number;

  @Column('int')
  reserved!: number;

  @Column('boolean')
  closed!: boolean;

  @Column('timestamptz', { nullable: true })
  closedAt!: Date | null;

  /** When the unit opened: nothing of it took effect earlier (ADR 0213). Registration time unless given. */
  @Column('timestamptz')
  openedAt!: Date;

  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sequence!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
