/** REST response shapes shared by services, the gateway and the dashboard (ARCHITECTURE.md §4). */
import type { BlockReason, DistrictCode, ProviderType, ServiceCategoryCode } from '@plass/domain';

export interface UnitDto {
  id: string;
  institutionId: string;
  name: string;
  category: ServiceCategoryCode;
  capacity: number;
  occupied: number;
  blocked: number;
  reserved: number;
  available: number;
  closed: boolean;
  sequence: number;
  updatedAt: string;
}

export interface InstitutionDto {
  id: string;
  name: string;
  providerType: ProviderType;
  districtCode: DistrictCode;
  units: UnitDto[];
}

export interface AdmissionResultDto {
  stayId: string;
  unit: UnitDto;
}

/** A write that answers with the unit's resulting state (discharge, unblock, capacity, census, close). */
export interface UnitResultDto {
  unit: UnitDto;
}

export interface BlockResultDto {
  blockId: string;
  unit: UnitDto;
}

export interface ReservationResultDto {
  reservationId: string;
  unit: UnitDto;
}

/** Places out of use; `reason` is null for places blocked by a census report. */
export interface BlockDto {
  id: string;
  unitId: string;
  places: number;
  reason: BlockReason | null;
  until: string | null;
  createdAt: string;
}

/** A place held for a referral from a district until it expires. */
export interface ReservationDto {
  id: string;
  unitId: string;
  districtCode: DistrictCode;
  expiresAt: string;
  createdAt: string;
}

/** An open stay: a random id, the referring district and dates; never anything about the person. */
export interface StayDto {
  stayId: string;
  unitId: string;
  referringDistrictCode: DistrictCode;
  admittedAt: string;
  plannedDischargeDate: string | null;
}

export type { ProblemDetails } from './rest/problem';
