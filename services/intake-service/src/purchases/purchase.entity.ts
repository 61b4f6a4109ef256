import type { DistrictCode, ServiceCategoryCode } from '@plass/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A purchased place (enkeltkjøp): a district's contract for a place at a provider, never a person. */
@Entity('purchase')
export class PurchaseEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  districtCode!: DistrictCode;

  /** The provider's organisation name. */
  @Column('text')
  providerName!: string;

  @Column('text')
  category!: ServiceCategoryCode;

  /** The first day (YYYY-MM-DD; TypeORM reads a `date` column as that string). */
  @Column('date', { name: 'from' })
  from!: string;

  /** The last day, inclusive; null while open-ended. */
  @Column('date', { name: 'to', nullable: true })
  to!: string | null;

  /** Whole kroner. */
  @Column('integer')
  pricePerDay!: number;

  @Column('integer')
  sequence!: number;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}
