import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@plass/auth';
import type { HousingUnitDto } from '@plass/contracts';
import { ChangeHousingStatusDto } from './dto/change-housing-status.dto';
import { ListHousingUnitsQuery } from './dto/list-housing-units.query';
import { RegisterHousingUnitDto } from './dto/register-housing-unit.dto';
import { HousingUnitService } from './housing-unit.service';
import { Write, type WriteRequest } from '../write-request';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'Any unique string (1–200 of letters, digits, - _ : .). A repeat of the same request returns the first result and changes nothing; the same key with another body or route is 422.',
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
  register(@Body() dto: RegisterHousingUnitDto, @Write() request: WriteRequest): Promise<HousingUnitDto> {
    return this.units.register(dto, request);
  }

  @Put(':id/status')
  @HttpCode(200)
  @Roles('admin', 'district-staff')
  @ApiOperation({ summary: "Change a dwelling's status (admin, or staff of the owning district)" })
  @ApiHeader(IDEMPOTENCY_HEADER)
  changeStatus(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ChangeHousingStatusDto,
    @Write() request: WriteRequest,
  ): Promise<HousingUnitDto> {
    return this.units.changeStatus(id, dto, request);
  }
}
