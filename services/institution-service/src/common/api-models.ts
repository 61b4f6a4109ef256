/** Response shapes for the OpenAPI document; each implements the contract type the route returns. */
import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type {
  AdmissionResultDto,
  BlockDto,
  BlockResultDto,
  InstitutionDto,
  ProblemDetails,
  ReservationDto,
  ReservationResultDto,
  StayDto,
  UnitDto,
  UnitResultDto,
} from '@plass/contracts';
import {
  BLOCK_REASONS,
  DISTRICT_CODES,
  PROVIDER_TYPES,
  SERVICE_CATEGORY_CODES,
  type BlockReason,
  type DistrictCode,
  type ProviderType,
  type ServiceCategoryCode,
} from '@plass/domain';

export class UnitModel implements UnitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) institutionId!: string;
  @ApiProperty({ example: 'Akuttavdelingen' }) name!: string;
  @ApiProperty({ enum: SERVICE_CATEGORY_CODES }) category!: ServiceCategoryCode;
  @ApiProperty({ description: 'Approved places', example: 16 }) capacity!: number;
  @ApiProperty({ example: 14 }) occupied!: number;
  @ApiProperty({ description: 'Places out of use', example: 1 }) blocked!: number;
  @ApiProperty({ description: 'Places held for referrals', example: 0 }) reserved!: number;
  @ApiProperty({
    description: 'capacity − occupied − blocked − reserved; negative means overcapacity',
    example: 1,
  })
  available!: number;
  @ApiProperty() closed!: boolean;
  @ApiProperty({
    description: 'Rises by one with every change; send it as If-Match with a census',
    example: 42,
  })
  sequence!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class InstitutionModel implements InstitutionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Prindsen mottakssenter' }) name!: string;
  @ApiProperty({ enum: PROVIDER_TYPES }) providerType!: ProviderType;
  @ApiProperty({ enum: DISTRICT_CODES }) districtCode!: DistrictCode;
  @ApiProperty({ type: [UnitModel] }) units!: UnitDto[];
}

export class UnitResultModel implements UnitResultDto {
  @ApiProperty({ type: UnitModel }) unit!: UnitDto;
}

export class AdmissionResultModel implements AdmissionResultDto {
  @ApiProperty({ format: 'uuid', description: 'The random id of the new stay; keep it for the discharge' })
  stayId!: string;
  @ApiProperty({ type: UnitModel }) unit!: UnitDto;
}

export class BlockResultModel implements BlockResultDto {
  @ApiProperty({ format: 'uuid' }) blockId!: string;
  @ApiProperty({ type: UnitModel }) unit!: UnitDto;
}

export class ReservationResultModel implements ReservationResultDto {
  @ApiProperty({ format: 'uuid' }) reservationId!: string;
  @ApiProperty({ type: UnitModel }) unit!: UnitDto;
}

export class BlockModel implements BlockDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ example: 2 }) places!: number;
  @ApiProperty({ enum: BLOCK_REASONS, nullable: true, description: 'null when blocked by a census report' })
  reason!: BlockReason | null;
  @ApiProperty({ format: 'date-time', nullable: true, description: 'Released automatically at this time' })
  until!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ReservationModel implements ReservationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ enum: DISTRICT_CODES }) districtCode!: DistrictCode;
  @ApiProperty({ format: 'date-time', description: 'Expires automatically at this time' }) expiresAt!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class StayModel implements StayDto {
  @ApiProperty({ format: 'uuid' }) stayId!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ enum: DISTRICT_CODES }) referringDistrictCode!: DistrictCode;
  @ApiProperty({ format: 'date-time' }) admittedAt!: string;
  @ApiProperty({ example: '2026-12-20', nullable: true }) plannedDischargeDate!: string | null;
}

export class ProblemModel implements ProblemDetails {
  [extension: string]: unknown;
  @ApiProperty({ example: 'urn:plassoversikt:problem:no-available-place' }) type!: string;
  @ApiProperty({ example: 'No available place' }) title!: string;
  @ApiProperty({ example: 409 }) status!: number;
  @ApiProperty({ example: 'unit Akuttavdelingen has no available place (capacity 16, occupied 16, …)' })
  detail!: string;
  @ApiPropertyOptional({ example: '/api/units/3f1c…/admissions' }) instance?: string;
  @ApiPropertyOptional({ example: 'NO_AVAILABLE_PLACE', description: 'Stable machine-readable code' })
  code?: string;
  @ApiPropertyOptional() correlationId?: string;
  @ApiPropertyOptional({ type: [String], description: 'One message per invalid field' }) errors?: string[];
}

/** Documents the problem answers of a route (RFC 9457, `application/problem+json`). */
export const ApiProblems = (...problems: [status: number, description: string][]) =>
  applyDecorators(
    ApiExtraModels(ProblemModel),
    ...[
      [400, 'Invalid input: a field is missing, unknown, out of range, or not one of the listed values'],
      [401, 'No valid bearer token'],
      ...problems,
    ].map(([status, description]) =>
      ApiResponse({
        status: Number(status),
        description: String(description),
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemModel) } } },
      }),
    ),
  );
