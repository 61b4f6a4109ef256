import type { DistrictCode, ProviderType } from '@plass/domain';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('institution')
export class InstitutionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  providerType!: ProviderType;

  @Column('text')
  districtCode!: DistrictCode;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
