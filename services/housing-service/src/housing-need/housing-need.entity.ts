import type { DistrictCode, HousingType } from '@plass/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One district's registered housing need: households per housing type. One aggregate per district,
 * with its own `sequence` (0 until the district registers anything).
 */
@Entity('housing_need')
export class HousingNeedEntity {
  @PrimaryColumn('text')
  districtCode!: DistrictCode;

  /** Types missing here (say, a type added later) count as 0. */
  @Column('jsonb')
  needs!: Partial<Record<HousingType, number>>;

  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sequence!: number;

  @Column('timestamptz', { nullable: true })
  updatedAt!: Date | null;
}
