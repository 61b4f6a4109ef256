/**
 * Turns lapsed reservations back to vacant, each with its event. It wakes at the next reservedUntil it
 * knows of, and at the latest every HOUSING_RESERVATION_SWEEP_MS (reservations made on other replicas).
 * Every replica sweeps; FOR UPDATE SKIP LOCKED keeps them from waiting on or doubling each other's rows.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { enqueueOutbox } from '@plass/messaging';
import { LOGGER, type Logger } from '@plass/observability';
import { DataSource } from 'typeorm';
import { HOUSING_CONFIG, type HousingConfig } from '../config';
import { housingUnitChangedMessage } from './housing-unit-event';
import { HousingUnitRepository } from './housing-unit.repository';

const BATCH = 100;
const MIN_WAIT_MS = 100;

@Injectable()
export class ReservationExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(HousingUnitRepository) private readonly units: HousingUnitRepository,
    @Inject(HOUSING_CONFIG) private readonly config: HousingConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** A reservation was made: look again when the next one runs out. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
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

  private async run(): Promise<void> {
    while (this.running) {
      let waitMs = this.config.reservationSweepMs;
      this.woken = false;
      try {
        await this.expireLapsed();
        const next = await this.units.nextReservationExpiry();
        // Not less than MIN_WAIT_MS: a lapsed row another replica holds must not make this one spin.
        if (next) waitMs = Math.min(waitMs, Math.max(MIN_WAIT_MS, next.getTime() - Date.now()));
      } catch (error) {
        this.logger.warn({ err: error }, 'reservation sweep failed; trying again');
      }
      await this.sleep(waitMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || !this.running) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      const wakeUp = () => done();
      this.wakeUp = wakeUp;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    }).finally(() => {
      this.wakeUp = null;
    });
  }
}
