/** Reservations: a place held for a district's referral until it expires, is released, or is used by an admission. */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { canReserveFor, type AuthUser } from '@plass/auth';
import type { ReservationDto, ReservationResultDto, ReservePlaceBody, UnitResultDto } from '@plass/contracts';
import { availablePlaces, districtName, type DistrictCode } from '@plass/domain';
import type { EntityManager } from 'typeorm';
import { requireInstantAhead } from '../common/time';
import { idempotencyContext, type WriteRequest } from '../common/write-request';
import { IdempotencyService } from '@plass/persistence';
import { InstitutionException } from '../institution.exception';
import { toUnitDto, UnitChanges, type UnitEntity } from '../unit';
import { ReservationEntity } from './reservation.entity';
import { ReservationRepository } from './reservation.repository';

export const MAX_RESERVATION_DAYS = 30;

export function toReservationDto(r: ReservationEntity): ReservationDto {
  return {
    id: r.id,
    unitId: r.unitId,
    districtCode: r.districtCode,
    expiresAt: r.expiresAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
  };
}

const district = (code: DistrictCode) => `${code} (${districtName(code)})`;

function assertMayReserve(user: AuthUser, districtCode: DistrictCode): void {
  if (!canReserveFor(user, districtCode)) {
    throw new InstitutionException(
      'NOT_YOUR_DISTRICT',
      user.districtCode
        ? `you may reserve places only for your own district ${district(user.districtCode)}, not ${district(districtCode)}`
        : `you may not reserve places for district ${district(districtCode)}`,
    );
  }
}

@Injectable()
export class ReservationsService {
  constructor(
    @Inject(ReservationRepository) private readonly reservations: ReservationRepository,
    @Inject(UnitChanges) private readonly changes: UnitChanges,
    @Inject(IdempotencyService) private readonly idempotency: IdempotencyService,
  ) {}

  async listOpen(unitId: string): Promise<ReservationDto[]> {
    await this.changes.get(unitId); // 404 when the unit is unknown
    return (await this.reservations.findOpen(unitId)).map(toReservationDto);
  }

  async reserve(unitId: string, dto: ReservePlaceBody, request: WriteRequest): Promise<ReservationResultDto> {
    const expiresAt = requireInstantAhead('expiresAt', dto.expiresAt, MAX_RESERVATION_DAYS);
    const body = await this.idempotency.run(idempotencyContext(request), {
      authorize: () => {
        assertMayReserve(request.user, dto.districtCode);
        return Promise.resolve();
      },
      work: async (manager) => {
        const unit = await this.changes.lock(manager, unitId);
        if (availablePlaces(unit) <= 0) {
          throw new InstitutionException(
            'NO_AVAILABLE_PLACE',
            `unit ${unit.name} has no available place to reserve (capacity ${unit.capacity}, occupied ${unit.occupied}, ` +
              `blocked ${unit.blocked}, reserved ${unit.reserved})`,
            { unit: toUnitDto(unit) },
          );
        }
        const reservation = await this.reservations.insert(
          manager,
          Object.assign(new ReservationEntity(), {
            id: randomUUID(),
            unitId,
            districtCode: dto.districtCode,
            expiresAt,
            createdAt: new Date(),
            endedAt: null,
            endReason: null,
            stayId: null,
          }),
        );
        unit.reserved += 1;
        const saved = await this.changes.commit(manager, unit, {
          kind: 'reservation',
          places: 1,
          referringDistrictCode: dto.districtCode,
          reservationId: reservation.id,
        });
        return { reservationId: reservation.id, unit: toUnitDto(saved) };
      },
    });
    return body;
  }

  async release(unitId: string, reservationId: string, request: WriteRequest): Promise<UnitResultDto> {
    const body = await this.idempotency.run(idempotencyContext(request), {
      // The reservation's district decides who may release it: checked before a repeat is answered.
      authorize: async (manager) => {
        const unit = await this.changes.lock(manager, unitId, { allowClosed: true });
        const reservation = await this.reservations.lock(manager, reservationId);
        if (!reservation || reservation.unitId !== unitId) {
          throw new InstitutionException(
            'RESERVATION_NOT_FOUND',
            `unit ${unit.name} has no reservation ${reservationId}`,
          );
        }
        assertMayReserve(request.user, reservation.districtCode);
        return { unit, reservation };
      },
      work: async (manager, { unit, reservation }) => {
        assertActive(reservation);
        await this.reservations.end(manager, [reservation], 'released');
        const saved = await this.commitEnd(manager, unit, reservation, 'reservation-released');
        return { unit: toUnitDto(saved) };
      },
    });
    return body;
  }

  /**
   * Uses a reservation for an admission to the unit locked by the caller: checks it belongs to the unit
   * and the referring district and is still active, ends it and takes the place off `reserved`.
   */
  async consume(
    manager: EntityManager,
    unit: UnitEntity,
    reservationId: string,
    referringDistrictCode: DistrictCode,
    stayId: string,
  ): Promise<void> {
    const reservation = await this.reservations.lock(manager, reservationId);
    if (!reservation || reservation.unitId !== unit.id) {
      throw new InstitutionException(
        'RESERVATION_MISMATCH',
        `unit ${unit.name} has no reservation ${reservationId}; admit with a reservation of this unit, or without one`,
      );
    }
    assertActive(reservation);
    if (reservation.districtCode !== referringDistrictCode) {
      throw new InstitutionException(
        'RESERVATION_MISMATCH',
        `reservation ${reservationId} holds the place for district ${district(reservation.districtCode)}, ` +
          `but the admission is referred by ${district(referringDistrictCode)}`,
      );
    }
    await this.reservations.end(manager, [reservation], 'admitted', stayId);
    unit.reserved = Math.max(0, unit.reserved - 1);
  }

  /**
   * Ends one reservation past its expiry, in the caller's transaction. Returns false when another
   * replica holds the unit or the reservation, or has ended it already: never expired twice.
   */
  async expire(manager: EntityManager, unitId: string, reservationId: string): Promise<boolean> {
    const unit = await this.changes.lockUnlessBusy(manager, unitId);
    if (!unit) return false;
    const reservation = await this.reservations.lockDue(manager, reservationId);
    if (!reservation) return false;
    await this.reservations.end(manager, [reservation], 'expired');
    await this.commitEnd(manager, unit, reservation, 'reservation-expired');
    return true;
  }

  /** Frees the reservation's place and records the change (the row is ended by the caller). */
  private commitEnd(
    manager: EntityManager,
    unit: UnitEntity,
    reservation: ReservationEntity,
    kind: 'reservation-released' | 'reservation-expired',
  ): Promise<UnitEntity> {
    unit.reserved = Math.max(0, unit.reserved - 1);
    return this.changes.commit(manager, unit, {
      kind,
      places: 1,
      referringDistrictCode: reservation.districtCode,
      reservationId: reservation.id,
    });
  }

  /**
   * Reserves one place for an offer from intake (ADR 0161), in the caller's transaction: the reservation's
   * id is the offer id. Answers why not when the unit is unknown, closed or has no free place; the caller
   * has made sure this offer was not handled before.
   */
  async reserveForOffer(
    manager: EntityManager,
    offer: { offerId: string; unitId: string; districtCode: DistrictCode; expiresAt: Date },
  ): Promise<'reserved' | 'unit-not-found' | 'unit-closed' | 'no-free-place'> {
    const unit = await this.changes.lockIfKnown(manager, offer.unitId);
    if (!unit) return 'unit-not-found';
    if (unit.closed) return 'unit-closed';
    if (availablePlaces(unit) <= 0) return 'no-free-place';
    await this.reservations.insert(
      manager,
      Object.assign(new ReservationEntity(), {
        id: offer.offerId,
        unitId: unit.id,
        districtCode: offer.districtCode,
        expiresAt: offer.expiresAt,
        createdAt: new Date(),
        endedAt: null,
        endReason: null,
        stayId: null,
      }),
    );
    unit.reserved += 1;
    await this.changes.commit(manager, unit, {
      kind: 'reservation',
      places: 1,
      referringDistrictCode: offer.districtCode,
      reservationId: offer.offerId,
    });
    return 'reserved';
  }

  /**
   * Releases the reservation of an offer that ended without an admission (declined, expired, withdrawn), in
   * the caller's transaction. Nothing when there is none or it has ended already (admitted, released,
   * expired): a redelivery releases nothing twice. True when a place was freed.
   */
  async releaseForOffer(manager: EntityManager, offerId: string): Promise<boolean> {
    const known = await this.reservations.find(manager, offerId);
    if (!known || known.endedAt) return false;
    // Unit first, then the reservation: the order every other change of a unit takes its locks in.
    const unit = await this.changes.lock(manager, known.unitId, { allowClosed: true });
    const reservation = await this.reservations.lock(manager, offerId);
    if (!reservation || reservation.endedAt) return false;
    await this.reservations.end(manager, [reservation], 'released');
    await this.commitEnd(manager, unit, reservation, 'reservation-released');
    return true;
  }
}

function assertActive(reservation: ReservationEntity): void {
  if (reservation.endedAt) {
    throw new InstitutionException(
      'RESERVATION_NOT_ACTIVE',
      `reservation ${reservation.id} ended at ${reservation.endedAt.toISOString()} (${reservation.endReason})`,
    );
  }
  if (reservation.expiresAt.getTime() <= Date.now()) {
    throw new InstitutionException(
      'RESERVATION_NOT_ACTIVE',
      `reservation ${reservation.id} expired at ${reservation.expiresAt.toISOString()}; its place is being released`,
    );
  }
}
