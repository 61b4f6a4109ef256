import type { DischargeReason, DistrictCode } from '@plass/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One resident's stay, known only by a random id: no personal data is stored. */
@Entity('stay')
export class StayEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  unitId!: string;

  @Column('text')
  referringDistrictCode!: DistrictCode;

  @Column('timestamptz')
  admittedAt!: Date;

  @Column('date', { nullable: true })
  plannedDischargeDate!: string | null;

  @Column('timestamptz', { nullable: true })
  dischargedAt!: Date | null;

  @Column('text', { nullable: true })
  dischargeReason!: DischargeReason | null;

  /** The reservation the admission used, if any. */
  @Column('uuid', { nullable: true })
  reservationId!: string | null;
}
