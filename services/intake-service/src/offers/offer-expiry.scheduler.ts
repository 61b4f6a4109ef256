/**
 * Expires offers past `expiresAt` that were not admitted (open or accepted), every OFFER_EXPIRY_INTERVAL_MS:
 * intake owns an offer's expiry (ADR 0161). Each expiry is its own transaction with its `offer-expired`
 * event, on which the institution releases the place; referrals are taken FOR UPDATE SKIP LOCKED, so
 * replicas never expire one twice and one busy with a request is picked up on the next round.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from '@plass/observability';
import { PeriodicTask } from '@plass/service-kit';
import { DataSource } from 'typeorm';
import { INTAKE_CONFIG, type IntakeConfig } from '../config';
import { ReferralRepository } from '../referral/referral.repository';
import { OffersService } from './offers.service';

const BATCH = 100;

@Injectable()
export class OfferExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly periodic: PeriodicTask;
  private stopped = false;

  constructor(
    @Inject(INTAKE_CONFIG) config: IntakeConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ReferralRepository) private readonly referrals: ReferralRepository,
    @Inject(OffersService) private readonly offers: OffersService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.periodic = new PeriodicTask({
      name: 'offer expiry round',
      intervalMs: config.offerExpiryIntervalMs,
      task: async () => void (await this.runOnce()),
      logger,
      runAtStart: true,
    });
  }

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.periodic.stop();
  }

  /** One round: every offer due now; answers how many expired. */
  async runOnce(): Promise<number> {
    let expired = 0;
    for (const id of await this.referrals.findDueOffers(BATCH)) {
      if (this.stopped) break;
      if (await this.dataSource.transaction((m) => this.offers.expireDue(m, id))) {
        expired += 1;
        this.logger.info({ referralId: id }, 'offer expired');
      }
    }
    return expired;
  }
}
