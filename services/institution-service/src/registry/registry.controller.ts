import { Body, Controller, Inject, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { Roles } from '@plass/auth';
import {
  closeUnit,
  getInstitution,
  getUnit,
  listInstitutions,
  registerInstitution,
  registerUnit,
  renameInstitution,
  renameUnit,
  reopenUnit,
  setUnitFeatures,
  type InstitutionDto,
  type UnitDto,
  type UnitResultDto,
} from '@plass/contracts';
import { bodyDto, ContractRoute } from '@plass/observability';
import type { Response } from 'express';
import { Write, type WriteRequest } from '../common/write-request';
import { RegistryService } from './registry.service';

class RegisterInstitutionBody extends bodyDto(registerInstitution) {}
class RegisterUnitBody extends bodyDto(registerUnit) {}
/** One body class for both renames: the contract shares the schema. */
class RenameBody extends bodyDto(renameInstitution) {}
class UnitFeaturesBody extends bodyDto(setUnitFeatures) {}

@Controller()
export class RegistryController {
  constructor(@Inject(RegistryService) private readonly registry: RegistryService) {}

  @ContractRoute(listInstitutions)
  list(): Promise<InstitutionDto[]> {
    return this.registry.list();
  }

  @ContractRoute(getInstitution)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<InstitutionDto> {
    return this.registry.get(id);
  }

  /** The ETag is the unit's sequence, ready for If-Match on a census. */
  @ContractRoute(getUnit)
  async getUnit(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UnitDto> {
    const unit = await this.registry.getUnit(unitId);
    response.setHeader('ETag', `"${unit.sequence}"`);
    return unit;
  }

  @ContractRoute(registerInstitution)
  @Roles('admin')
  createInstitution(
    @Body() body: RegisterInstitutionBody,
    @Write() request: WriteRequest,
  ): Promise<InstitutionDto> {
    return this.registry.createInstitution(body, request);
  }

  @ContractRoute(registerUnit)
  @Roles('admin')
  createUnit(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RegisterUnitBody,
    @Write() request: WriteRequest,
  ): Promise<UnitDto> {
    return this.registry.createUnit(id, body, request);
  }

  @ContractRoute(closeUnit)
  @Roles('admin')
  close(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Write() request: WriteRequest,
  ): Promise<UnitResultDto> {
    return this.registry.closeUnit(unitId, request);
  }

  @ContractRoute(reopenUnit)
  @Roles('admin')
  reopen(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Write() request: WriteRequest,
  ): Promise<UnitResultDto> {
    return this.registry.reopenUnit(unitId, request);
  }

  @ContractRoute(renameInstitution)
  @Roles('admin')
  renameInstitution(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RenameBody,
    @Write() request: WriteRequest,
  ): Promise<InstitutionDto> {
    return this.registry.renameInstitution(id, body, request);
  }

  @ContractRoute(renameUnit)
  @Roles('admin')
  renameUnit(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Body() body: RenameBody,
    @Write() request: WriteRequest,
  ): Promise<UnitResultDto> {
    return this.registry.renameUnit(unitId, body, request);
  }

  @ContractRoute(setUnitFeatures)
  @Roles('admin')
  setFeatures(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Body() body: UnitFeaturesBody,
    @Write() request: WriteRequest,
  ): Promise<UnitResultDto> {
    return this.registry.setUnitFeatures(unitId, body, request);
  }
}
