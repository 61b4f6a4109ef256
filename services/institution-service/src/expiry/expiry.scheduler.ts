/**
 * Releases blocks whose `until` has passed and expires reservations past `expiresAt`, every
 * EXPIRY_INTERVAL_MS. Each release is a normal unit change with its event, in its own transaction;
 * units and rows are taken FOR UPDATE SKIP LOCKED, so several replicas never release one twice, and a
 * unit busy with a user's change is simply picked up on the next round (ADR 0012).
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from '@plass/observability';
import { PeriodicTask } from '@plass/service-kit';
import { DataSource, type EntityManager } from 'typeorm';
import { BlockRepository } from '../blocks/block.repository';
import { BlocksService } from '../blocks/blocks.service';
import { INSTITUTION_CONFIG, type InstitutionConfig } from '../config';
import { ReservationRepository } from '../reservations/reservation.repository';
import { ReservationsService } from '../reservations/reservations.service';

const BATCH = 100;

export interface ExpiryRound {
  blocksReleased: number;
  reservationsExpired: number;
}

@Injectable()
export class ExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly periodic: PeriodicTask;
  private stopped = false;

  constructor(
    @Inject(INSTITUTION_CONFIG) config: InstitutionConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(BlockRepository) private readonly blockRows: BlockRepository,
    @Inject(BlocksService) private readonly blocks: BlocksService,
    @Inject(ReservationRepository) private readonly reservationRows: ReservationRepository,
    @Inject(ReservationsService) private readonly reservations: ReservationsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.periodic = new PeriodicTask({
      name: 'expiry round',
      intervalMs: config.expiryIntervalMs,
      task: async () => void (await this.runOnce()),
      logger,
      runAtStart: false,
    });
  }

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.periodic.stop();
  }

  /** One round: everything due now. */
  async runOnce(): Promise<ExpiryRound> {
    const round = { blocksReleased: 0, reservationsExpired: 0 };
    for (const due of await this.blockRows.findDue(BATCH)) {
      if (this.stopped) break;
      if (await this.inTransaction((m) => this.blocks.expire(m, due.unitId, due.id))) {
        round.blocksReleased += 1;
        this.logger.info({ unitId: due.unitId, blockId: due.id }, 'block released at its end time');
      }
    }
    for (const due of await this.reservationRows.findDue(BATCH)) {
      if (this.stopped) break;
      if (await this.inTransaction((m) => this.reservations.expire(m, due.unitId, due.id))) {
        round.reservationsExpired += 1;
        this.logger.info({ unitId: due.unitId, reservationId: due.id }, 'reservation expired');
      }
    }
    return round;
  }

  private inTransaction(work: (manager: EntityManager) => Promise<boolean>): Promise<boolean> {
    return this.dataSource.transaction(work);
  }
}
