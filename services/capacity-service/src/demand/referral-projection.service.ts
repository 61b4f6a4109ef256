/**
 * Consumes intake.referrals.v1 into the referrals' latest states, one transaction per batch: applies
 * the events by sequence, recounts the waiting referrals of the city and the categories they touched and
 * queues one `capacity.changed` per such scope, all before the offsets are committed; then the snapshot
 * cache (ADR 0162); and the referral alerts of the districts it touched (ADR 0169). Its own consumer group, like housing: it shares no rows with the occupancy pipeline
 * but the scopes' totals, which both lock in key order.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { parseReferralChange, TOPICS, type ReferralChangeEvent } from '@plass/contracts';
import { BatchConsumer, enqueueOutbox, EventProducer, Messaging } from '@plass/messaging';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { bindTrace, type TraceCarrier } from '@plass/observability';
import { ReferralAlerts } from '../alerts/referral-alerts';
import { LOGGER } from '../logger';
import { capacityChangedMessage, toSnapshot } from '../read-model/scope-snapshot';
import { SnapshotCache } from '../snapshot/snapshot.cache';
import { projectReferrals } from './referral-projection';
import { ReferralRepository } from './referral.repository';

export const REFERRALS_CONSUMER_GROUP = 'capacity-service.referrals';

@Injectable()
export class ReferralProjectionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: BatchConsumer<ReferralChangeEvent> | null = null;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ReferralRepository) private readonly repository: ReferralRepository,
    @Inject(SnapshotCache) private readonly cache: SnapshotCache,
    @Inject(ReferralAlerts) private readonly alerts: ReferralAlerts,
    @Inject(Messaging) private readonly messaging: Messaging,
    @Inject(EventProducer) private readonly producer: EventProducer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new BatchConsumer(this.messaging, {
      groupId: REFERRALS_CONSUMER_GROUP,
      topics: [TOPICS.intakeReferrals],
      parse: parseReferralChange,
      handle: (messages, batch) =>
        this.applyBatch(
          messages.map((m) => m.value),
          batch.trace,
        ),
      deadLetters: this.producer,
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  /** `trace`: the headers of the consumer's span of the batch, which its outbox rows continue. */
  async applyBatch(events: ReferralChangeEvent[], trace?: TraceCarrier): Promise<void> {
    const snapshots = await this.dataSource.transaction(async (manager) => {
      bindTrace(manager, trace);
      const ids = [...new Set(events.map((e) => e.subject))];
      const current = await this.repository.lockReferrals(manager, ids);
      const projection = projectReferrals(current, events);
      if (projection.skipped > 0) {
        this.logger.debug({ skipped: projection.skipped }, 'duplicate or older referral events ignored');
      }
      if (projection.applied === 0) return [];
      await this.repository.saveReferrals(manager, projection.referrals);
      await this.repository.saveDeclines(manager, projection.declines);
      const changed = (await this.repository.updateWaiting(manager, projection.categories)).map(toSnapshot);
      await enqueueOutbox(
        manager,
        changed.map((scope) => capacityChangedMessage(scope)),
      );
      await this.alerts.evaluate(manager, new Date(), projection.districts);
      return changed;
    });
    await this.cache.put(snapshots);
  }
}
