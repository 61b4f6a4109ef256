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
  Put,
  Query,
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@plass/auth';
import type { HousingUnitDto } from '@plass/contracts';
import type { Request } from 'express';
import { ChangeHousingStatusDto } from './dto/change-housing-status.dto';
import { ListHousingUnitsQuery } from './dto/list-housing-units.query';
import { RegisterHousingUnitDto } from './dto/register-housing-unit.dto';
import { HousingUnitService } from './housing-unit.service';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'A repeated key returns the first result and changes nothing',
};

@ApiTags('housing units')
@ApiBearerAuth()
@Controller('api/housing/units')
export class HousingUnitController {
  constructor(@Inject(HousingUnitService) private readonly units: HousingUnitService) {}

  @Get()
  @ApiOperation({ summary: 'Dwellings, optionally filtered by district, type and status (any role)' })
  list(@Query() query: ListHousingUnitsQuery): Promise<HousingUnitDto[]> {
    return this.units.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: "One dwelling's current state (any role)" })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<HousingUnitDto> {
    return this.units.get(id);
  }

  @Post()
  @HttpCode(201)
  @Roles('admin', 'district-staff')
  @ApiOperation({ summary: 'Register a vacant dwelling (admin, or staff of the owning district)' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  register(
    @Body() dto: RegisterHousingUnitDto,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() req: Request,
  ): Promise<HousingUnitDto> {
    return this.units.register(dto, { user, idempotencyKey, method: req.method, path: req.path });
  }

  @Put(':id/status')
  @HttpCode(200)
  @Roles('admin', 'district-staff')
  @ApiOperation({ summary: "Change a dwelling's status (admin, or staff of the owning district)" })
  @ApiHeader(IDEMPOTENCY_HEADER)
  changeStatus(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ChangeHousingStatusDto,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() req: Request,
  ): Promise<HousingUnitDto> {
    return this.units.changeStatus(id, dto, { user, idempotencyKey, method: req.method, path: req.path });
  }
}
