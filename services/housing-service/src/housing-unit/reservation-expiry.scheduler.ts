/**
 * Turns lapsed reservations back to vacant, each with its event. It wakes at the next reservedUntil it
 * knows of, and at the latest every HOUSING_RESERVATION_SWEEP_MS (reservations made on other replicas).
 * Every replica sweeps; FOR UPDATE SKIP LOCKED keeps them from waiting on or doubling each other's rows.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { enqueueOutbox } from '@plass/messaging';
import { LOGGER, type Logger } from '@plass/observability';
import { PeriodicTask } from '@plass/service-kit';
import { DataSource } from 'typeorm';
import { HOUSING_CONFIG, type HousingConfig } from '../config';
import { housingUnitChangedMessage } from './housing-unit-event';
import { HousingUnitRepository } from './housing-unit.repository';

const BATCH = 100;
const MIN_WAIT_MS = 100;

@Injectable()
export class ReservationExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly periodic: PeriodicTask;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(HousingUnitRepository) private readonly units: HousingUnitRepository,
    @Inject(HOUSING_CONFIG) private readonly config: HousingConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.periodic = new PeriodicTask({
      name: 'reservation sweep',
      intervalMs: config.reservationSweepMs,
      task: () => this.sweep(),
      logger,
    });
  }

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.periodic.stop();
  }

  /** A reservation was made: look again when the next one runs out. */
  wake(): void {
    this.periodic.wake();
  }

  /** Expires every reservation that has run out by `now`; returns how many. */
  async expireLapsed(now: Date = new Date()): Promise<number> {
    let expired = 0;
    for (;;) {
      const count = await this.dataSource.transaction(async (manager) => {
        const lapsed = await this.units.lockLapsedReservations(manager, now, BATCH);
        for (const unit of lapsed) {
          const reservedUntil = unit.reservedUntil;
          unit.status = 'vacant';
          unit.reservedUntil = null;
          unit.sequence += 1;
          unit.updatedAt = new Date();
          const saved = await this.units.save(manager, unit);
          await enqueueOutbox(manager, [housingUnitChangedMessage(saved, 'reserved', 'reservation-expired')]);
          this.logger.info(
            {
              housingUnitId: unit.id,
              districtCode: unit.districtCode,
              reservedUntil,
              sequence: unit.sequence,
            },
            'housing reservation expired',
          );
        }
        return lapsed.length;
      });
      expired += count;
      if (count < BATCH) return expired;
    }
  }

  /** One sweep; returns how long to wait: until the next known expiry, at most the sweep interval. */
  private async sweep(): Promise<number> {
    await this.expireLapsed();
    const next = await this.units.nextReservationExpiry();
    // Not less than MIN_WAIT_MS: a lapsed row another replica holds must not make this one spin.
    const waitMs = this.config.reservationSweepMs;
    return next ? Math.min(waitMs, Math.max(MIN_WAIT_MS, next.getTime() - Date.now())) : waitMs;
  }
}
