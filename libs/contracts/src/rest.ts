/** REST response shapes shared by services, the gateway and the dashboard (ARCHITECTURE.md §4). */
import type { DistrictCode, ProviderType, ServiceCategoryCode } from '@plass/domain';

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

/** RFC 9457 problem details. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code?: string;
  correlationId?: string;
  errors?: string[];
  [extension: string]: unknown;
}
