import type {
  DistrictCode,
  OfferDeclineReason,
  OfferOutcome,
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

  /** The latest offer (ADR 0161), null before the first; its reservation at the institution has its id. */
  @Column('uuid', { nullable: true })
  offerId!: string | null;

  @Column('uuid', { nullable: true })
  offerUnitId!: string | null;

  @Column('text', { nullable: true })
  offerCategory!: ServiceCategoryCode | null;

  @Column('timestamptz', { nullable: true })
  offeredAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  offerExpiresAt!: Date | null;

  @Column('uuid', { nullable: true })
  offerReservationId!: string | null;

  @Column('text', { nullable: true })
  offerOutcome!: OfferOutcome | null;

  @Column('text', { nullable: true })
  offerDeclineReason!: OfferDeclineReason | null;

  @Column('timestamptz', { nullable: true })
  offerDecidedAt!: Date | null;

  @Column('uuid', { nullable: true })
  stayId!: string | null;

  @Column('timestamptz', { nullable: true })
  placedAt!: Date | null;

  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sequence!: number;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}
