/** Database access for reservations. Methods that lock take the caller's EntityManager (transaction). */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { ReservationEntity, type ReservationEndReason } from './reservation.entity';

@Injectable()
export class ReservationRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  insert(manager: EntityManager, reservation: ReservationEntity): Promise<ReservationEntity> {
    return manager.save(ReservationEntity, reservation);
  }

  /** Reads a reservation by id without locking it. */
  find(manager: EntityManager, reservationId: string): Promise<ReservationEntity | null> {
    return manager.findOneBy(ReservationEntity, { id: reservationId });
  }

  /** Locks a reservation by id alone (the caller checks it belongs to the unit it has locked). */
  lock(manager: EntityManager, reservationId: string): Promise<ReservationEntity | null> {
    return manager.findOne(ReservationEntity, {
      where: { id: reservationId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  lockOpen(manager: EntityManager, unitId: string): Promise<ReservationEntity[]> {
    return manager.find(ReservationEntity, {
      where: { unitId, endedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  findOpen(unitId: string): Promise<ReservationEntity[]> {
    return this.dataSource
      .getRepository(ReservationEntity)
      .find({ where: { unitId, endedAt: IsNull() }, order: { expiresAt: 'ASC' } });
  }

  end(
    manager: EntityManager,
    reservations: ReservationEntity[],
    reason: ReservationEndReason,
    stayId: string | null = null,
  ): Promise<ReservationEntity[]> {
    const now = new Date();
    for (const r of reservations) {
      r.endedAt = now;
      r.endReason = reason;
      r.stayId = stayId;
    }
    return manager.save(ReservationEntity, reservations);
  }

  /** Open reservations past their expiry, oldest first; not locked (the scheduler locks each one). */
  async findDue(limit: number): Promise<{ id: string; unitId: string }[]> {
    const rows = await this.dataSource.query<{ id: string; unit_id: string }[]>(
      `SELECT id, unit_id FROM reservation WHERE ended_at IS NULL AND expires_at <= now()
        ORDER BY expires_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, unitId: r.unit_id }));
  }

  /** Locks one due reservation, skipping it when another replica holds it. */
  lockDue(manager: EntityManager, reservationId: string): Promise<ReservationEntity | null> {
    return manager
      .createQueryBuilder(ReservationEntity, 'r')
      .where('r.id = :reservationId AND r.endedAt IS NULL AND r.expiresAt <= now()', { reservationId })
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getOne();
  }
}
