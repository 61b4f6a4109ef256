import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '@plass/auth';
import type { ReservationDto, ReservationResultDto, UnitResultDto } from '@plass/contracts';
import { ApiProblems, ReservationModel, ReservationResultModel, UnitResultModel } from '../common/api-models';
import { IdempotentWrite, Write, type WriteRequest } from '../common/write-request';
import { CreateReservationDto } from './dto/create-reservation.dto';
import { ReservationsService } from './reservations.service';

@ApiTags('reservations')
@ApiBearerAuth()
@ApiParam({ name: 'unitId', format: 'uuid', description: 'The unit' })
@Controller('api/units/:unitId/reservations')
export class ReservationsController {
  constructor(@Inject(ReservationsService) private readonly reservations: ReservationsService) {}

  @Get()
  @ApiOperation({ summary: 'The open reservations of a unit (any role)' })
  @ApiOkResponse({ type: [ReservationModel] })
  @ApiProblems([404, 'No such unit'])
  list(@Param('unitId', ParseUUIDPipe) unitId: string): Promise<ReservationDto[]> {
    return this.reservations.listOpen(unitId);
  }

  @Post()
  @HttpCode(201)
  @Roles('intake', 'district-staff', 'admin')
  @IdempotentWrite()
  @ApiOperation({
    summary: 'Hold one place for a district (intake: any district; district staff: their own; admin)',
    description:
      'The place counts as reserved until an admission uses it (`reservationId`), someone releases it, ' +
      'or `expiresAt` passes (event `reservation-expired`).',
  })
  @ApiCreatedResponse({ type: ReservationResultModel })
  @ApiProblems(
    [403, 'Not allowed to reserve for this district'],
    [404, 'No such unit'],
    [409, 'Unit closed, or no available place'],
  )
  reserve(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Body() dto: CreateReservationDto,
    @Write() request: WriteRequest,
  ): Promise<ReservationResultDto> {
    return this.reservations.reserve(unitId, dto, request);
  }

  @Delete(':reservationId')
  @HttpCode(200)
  @Roles('intake', 'district-staff', 'admin')
  @IdempotentWrite()
  @ApiOperation({ summary: 'Release a reservation (whoever may reserve for its district)' })
  @ApiOkResponse({ type: UnitResultModel })
  @ApiProblems(
    [403, 'Not allowed to reserve for this district'],
    [404, 'No such unit or reservation'],
    [409, 'The reservation has already ended'],
  )
  release(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Param('reservationId', ParseUUIDPipe) reservationId: string,
    @Write() request: WriteRequest,
  ): Promise<UnitResultDto> {
    return this.reservations.release(unitId, reservationId, request);
  }
}
