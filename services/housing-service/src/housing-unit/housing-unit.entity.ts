import type { HousingUnavailableReason } from '@plass/contracts';
import type { DistrictCode, HousingStatus, HousingType } from '@plass/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A dwelling (bolig) and its status; `sequence` rises by one with every change. */
@Entity('housing_unit')
export class HousingUnitEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  districtCode!: DistrictCode;

  @Column('text')
  type!: HousingType;

  @Column('text', { nullable: true })
  label!: string | null;

  @Column('text')
  status!: HousingStatus;

  @Column('text', { nullable: true })
  reason!: HousingUnavailableReason | null;

  @Column('timestamptz', { nullable: true })
  reservedUntil!: Date | null;

  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sequence!: number;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}
