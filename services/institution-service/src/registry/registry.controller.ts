import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@plass/auth';
import type { InstitutionDto, UnitDto } from '@plass/contracts';
import type { Request } from 'express';
import { CreateInstitutionDto } from './dto/create-institution.dto';
import { CreateUnitDto } from './dto/create-unit.dto';
import { RegistryService } from './registry.service';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api')
export class RegistryController {
  constructor(@Inject(RegistryService) private readonly registry: RegistryService) {}

  @Get('institutions')
  list(): Promise<InstitutionDto[]> {
    return this.registry.list();
  }

  @Get('institutions/:id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<InstitutionDto> {
    return this.registry.get(id);
  }

  @Get('units/:unitId')
  getUnit(@Param('unitId', ParseUUIDPipe) unitId: string): Promise<UnitDto> {
    return this.registry.getUnit(unitId);
  }

  @Post('institutions')
  @HttpCode(201)
  @Roles('admin')
  createInstitution(
    @Body() dto: CreateInstitutionDto,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() req: Request,
  ): Promise<InstitutionDto> {
    return this.registry.createInstitution(dto, { user, idempotencyKey, method: req.method, path: req.path });
  }

  @Post('institutions/:id/units')
  @HttpCode(201)
  @Roles('admin')
  createUnit(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateUnitDto,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() req: Request,
  ): Promise<UnitDto> {
    return this.registry.createUnit(id, dto, { user, idempotencyKey, method: req.method, path: req.path });
  }
}
