import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@plass/auth';
import type { InstitutionDto, UnitDto, UnitResultDto } from '@plass/contracts';
import type { Response } from 'express';
import { ApiProblems, InstitutionModel, UnitModel, UnitResultModel } from '../common/api-models';
import { IdempotentWrite, Write, type WriteRequest } from '../common/write-request';
import { CreateInstitutionDto } from './dto/create-institution.dto';
import { CreateUnitDto } from './dto/create-unit.dto';
import { RenameDto } from './dto/rename.dto';
import { RegistryService } from './registry.service';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api')
export class RegistryController {
  constructor(@Inject(RegistryService) private readonly registry: RegistryService) {}

  @Get('institutions')
  @ApiOperation({ summary: 'Every institution with its units and their current counts (any role)' })
  @ApiOkResponse({ type: [InstitutionModel] })
  @ApiProblems()
  list(): Promise<InstitutionDto[]> {
    return this.registry.list();
  }

  @Get('institutions/:id')
  @ApiOperation({ summary: 'One institution with its units (any role)' })
  @ApiOkResponse({ type: InstitutionModel })
  @ApiProblems([404, 'No such institution'])
  get(@Param('id', ParseUUIDPipe) id: string): Promise<InstitutionDto> {
    return this.registry.get(id);
  }

  @Get('units/:unitId')
  @ApiOperation({
    summary: "A unit's current state (any role)",
    description: 'The ETag header is the unit sequence, ready for If-Match on a census.',
  })
  @ApiOkResponse({ type: UnitModel })
  @ApiProblems([404, 'No such unit'])
  async getUnit(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UnitDto> {
    const unit = await this.registry.getUnit(unitId);
    response.setHeader('ETag', `"${unit.sequence}"`);
    return unit;
  }

  @Post('institutions')
  @HttpCode(201)
  @Roles('admin')
  @IdempotentWrite()
  @ApiOperation({ summary: 'Register an institution (admin)' })
  @ApiCreatedResponse({ type: InstitutionModel })
  @ApiProblems([403, 'Only admin manages the registry'])
  createInstitution(
    @Body() dto: CreateInstitutionDto,
    @Write() request: WriteRequest,
  ): Promise<InstitutionDto> {
    return this.registry.createInstitution(dto, request);
  }

  @Post('institutions/:id/units')
  @HttpCode(201)
  @Roles('admin')
  @IdempotentWrite()
  @ApiOperation({ summary: 'Register a unit of an institution (admin); event `registered`' })
  @ApiCreatedResponse({ type: UnitModel })
  @ApiProblems([403, 'Only admin manages the registry'], [404, 'No such institution'])
  createUnit(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateUnitDto,
    @Write() request: WriteRequest,
  ): Promise<UnitDto> {
    return this.registry.createUnit(id, dto, request);
  }

  @Post('units/:unitId/close')
  @HttpCode(200)
  @Roles('admin')
  @IdempotentWrite()
  @ApiOperation({
    summary: 'Close a unit for good (admin); event `closed`',
    description:
      'Only an empty unit closes (no open stays, occupied 0). Its open blocks and reservations end with it.',
  })
  @ApiOkResponse({ type: UnitResultModel })
  @ApiProblems(
    [403, 'Only admin manages the registry'],
    [404, 'No such unit'],
    [409, 'Already closed, or residents still there'],
  )
  close(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Write() request: WriteRequest,
  ): Promise<UnitResultDto> {
    return this.registry.closeUnit(unitId, request);
  }

  @Patch('institutions/:id')
  @HttpCode(200)
  @Roles('admin')
  @IdempotentWrite()
  @ApiOperation({
    summary: 'Rename an institution (admin); event `renamed` for each of its units',
    description: 'The same name again changes nothing. Another institution with the name: 409 NAME_TAKEN.',
  })
  @ApiOkResponse({ type: InstitutionModel })
  @ApiProblems(
    [403, 'Only admin manages the registry'],
    [404, 'No such institution'],
    [409, 'Another institution has the name'],
  )
  renameInstitution(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RenameDto,
    @Write() request: WriteRequest,
  ): Promise<InstitutionDto> {
    return this.registry.renameInstitution(id, dto, request);
  }

  @Patch('units/:unitId')
  @HttpCode(200)
  @Roles('admin')
  @IdempotentWrite()
  @ApiOperation({
    summary: 'Rename a unit (admin); event `renamed`',
    description:
      'Closed units too. The same name again changes nothing. Another open unit of the institution ' +
      'with the name: 409 NAME_TAKEN.',
  })
  @ApiOkResponse({ type: UnitResultModel })
  @ApiProblems(
    [403, 'Only admin manages the registry'],
    [404, 'No such unit'],
    [409, 'Another unit of the institution has the name'],
  )
  renameUnit(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Body() dto: RenameDto,
    @Write() request: WriteRequest,
  ): Promise<UnitResultDto> {
    return this.registry.renameUnit(unitId, dto, request);
  }
}
