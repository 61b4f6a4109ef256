/**
 * Sends due deliveries every NOTIFY_POLL_MS (ADR 0175): claims what is due (SKIP LOCKED, a lease), sends
 * each outside any transaction without waiting for the others, and records each attempt: delivered,
 * retried after a growing delay, or given up with the subscription marked failing.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { counter } from '@plass/observability';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { LOGGER } from '../logger';
import { NotificationRepository, type ClaimedDelivery } from './notification.repository';
import { NOTIFICATION_SENDER, type Sender } from './notification-sender';
import { backoffMs } from './notification-rules';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from './notifications.config';

const attempts = counter('plass_notification_attempts_total', 'Notification delivery attempts', [
  'kind',
  'outcome',
]);

@Injectable()
export class NotificationWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** Deliveries being sent: a slow receiver holds only its own, never the next poll. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(NotificationRepository) private readonly repository: NotificationRepository,
    @Inject(NOTIFICATION_SENDER) private readonly sender: Sender,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await Promise.all([...this.inFlight]);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'notification worker tick failed'))
        .finally(() => this.schedule());
    }, this.config.pollMs);
  }

  /**
   * One poll: claims as many due deliveries as there is room for (at most NOTIFY_BATCH in flight) and
   * starts sending them; each records its own attempt when done. Returns how many were claimed.
   */
  async tick(): Promise<number> {
    const room = this.config.batch - this.inFlight.size;
    if (room <= 0) return 0;
    const lease = this.config.timeoutMs * 2 + 10_000;
    const claimed = await this.dataSource.transaction((m) => this.repository.claimDue(m, room, lease));
    for (const delivery of claimed) {
      const sending: Promise<void> = this.deliver(delivery)
        .catch((error: unknown) =>
          // The claim's lease runs out and the delivery is tried again.
          this.logger.warn({ err: error, deliveryId: delivery.id }, 'notification attempt not recorded'),
        )
        .finally(() => this.inFlight.delete(sending));
      this.inFlight.add(sending);
    }
    return claimed.length;
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const result = await this.sender.send(delivery);
    const retryAt = new Date(
      Date.now() + backoffMs(delivery.attempts + 1, this.config.retryBaseMs, this.config.retryMaxMs),
    );
    const outcome = await this.dataSource.transaction((m) =>
      this.repository.recordAttempt(m, delivery, result, this.config.maxAttempts, retryAt),
    );
    attempts.inc({ kind: delivery.kind, outcome: result.ok ? 'ok' : outcome.gaveUp ? 'gave-up' : 'retry' });
    const fields = {
      deliveryId: delivery.id,
      subscriptionId: delivery.subscriptionId,
      kind: delivery.kind,
      attempt: delivery.attempts + 1,
      statusCode: result.statusCode ?? undefined,
      error: result.error ?? undefined,
    };
    if (result.ok) this.logger.info(fields, 'notification delivered');
    else if (outcome.markedFailing)
      this.logger.warn(fields, 'notification failed; subscription marked failing');
    else
      this.logger.info(
        { ...fields, retryAt: outcome.gaveUp ? undefined : retryAt },
        'notification attempt failed',
      );
  }
}
