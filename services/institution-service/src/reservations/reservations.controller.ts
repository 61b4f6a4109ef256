import { Body, Controller, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { Roles } from '@plass/auth';
import {
  listOpenReservations,
  releaseReservation,
  reservePlace,
  type ReservationDto,
  type ReservationResultDto,
  type UnitResultDto,
} from '@plass/contracts';
import { bodyDto, ContractRoute } from '@plass/observability';
import { Write, type WriteRequest } from '../common/write-request';
import { ReservationsService } from './reservations.service';

class ReservePlaceBody extends bodyDto(reservePlace) {}

@Controller()
export class ReservationsController {
  constructor(@Inject(ReservationsService) private readonly reservations: ReservationsService) {}

  @ContractRoute(listOpenReservations)
  list(@Param('unitId', ParseUUIDPipe) unitId: string): Promise<ReservationDto[]> {
    return this.reservations.listOpen(unitId);
  }

  @ContractRoute(reservePlace)
  @Roles('intake', 'district-staff', 'admin')
  reserve(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Body() body: ReservePlaceBody,
    @Write() request: WriteRequest,
  ): Promise<ReservationResultDto> {
    return this.reservations.reserve(unitId, body, request);
  }

  @ContractRoute(releaseReservation)
  @Roles('intake', 'district-staff', 'admin')
  release(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Param('reservationId', ParseUUIDPipe) reservationId: string,
    @Write() request: WriteRequest,
  ): Promise<UnitResultDto> {
    return this.reservations.release(unitId, reservationId, request);
  }
}
