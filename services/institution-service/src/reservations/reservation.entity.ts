import type { DistrictCode } from '@plass/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How a reservation ended: used by an admission, released by a person, expired, or the unit closed. */
export type ReservationEndReason = 'admitted' | 'released' | 'expired' | 'closed';

/** One place held for a referral from a district until `expiresAt`; counted in the unit's `reserved`. */
@Entity('reservation')
export class ReservationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  unitId!: string;

  @Column('text')
  districtCode!: DistrictCode;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  endedAt!: Date | null;

  @Column('text', { nullable: true })
  endReason!: ReservationEndReason | null;

  /** The stay that used the reservation. */
  @Column('uuid', { nullable: true })
  stayId!: string | null;
}
