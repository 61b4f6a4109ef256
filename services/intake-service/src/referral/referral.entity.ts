import type {
  DistrictCode,
  ReferralNeed,
  ReferralStatus,
  ReferralUrgency,
  ReferralWithdrawalReason,
  ServiceCategoryCode,
} from '@plass/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A referral (henvisning): a district's need for a place, never a person; `sequence` rises with every change. */
@Entity('referral')
export class ReferralEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  districtCode!: DistrictCode;

  /** In order of preference. */
  @Column('text', { array: true })
  categories!: ServiceCategoryCode[];

  @Column('text')
  urgency!: ReferralUrgency;

  @Column('text', { array: true })
  needs!: ReferralNeed[];

  /** YYYY-MM-DD (TypeORM reads a `date` column as that string). */
  @Column('date', { nullable: true })
  earliestDate!: string | null;

  @Column('text')
  status!: ReferralStatus;

  @Column('text', { nullable: true })
  withdrawalReason!: ReferralWithdrawalReason | null;

  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sequence!: number;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}
