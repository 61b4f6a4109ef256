/**
 * Releases blocks whose `until` has passed and expires reservations past `expiresAt`, every
 * EXPIRY_INTERVAL_MS. Each release is a normal unit change with its event, in its own transaction;
 * units and rows are taken FOR UPDATE SKIP LOCKED, so several replicas never release one twice, and a
 * unit busy with a user's change is simply picked up on the next round (ADR 0012).
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from '@plass/observability';
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
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    @Inject(INSTITUTION_CONFIG) private readonly config: InstitutionConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(BlockRepository) private readonly blockRows: BlockRepository,
    @Inject(BlocksService) private readonly blocks: BlocksService,
    @Inject(ReservationRepository) private readonly reservationRows: ReservationRepository,
    @Inject(ReservationsService) private readonly reservations: ReservationsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.runOnce()
        .catch((error: unknown) =>
          this.logger.warn({ err: error }, 'expiry round failed; retrying next round'),
        )
        .finally(() => this.schedule());
    }, this.config.expiryIntervalMs);
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
