/**
 * Consumes institution.occupancy.v1 and keeps the read model: for each batch, one transaction applies
 * the events by sequence, adds the totals' deltas, records history and queues `capacity.changed` in
 * the outbox. Offsets are committed by the consumer runner only after that transaction committed.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TOPICS, unitOccupancyChanged, type UnitOccupancyChangedEvent } from '@plass/contracts';
import {
  BatchConsumer,
  enqueueOutbox,
  EventProducer,
  Messaging,
  type ConsumedMessage,
} from '@plass/messaging';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { LOGGER } from '../logger';
import { capacityChangedMessage, toSnapshot } from '../read-model/scope-snapshot';
import { SnapshotCache } from '../snapshot/snapshot.cache';
import { project } from './project';
import { ProjectionListeners } from './projection-listeners';
import { ProjectionRepository } from './projection.repository';

export const CONSUMER_GROUP = 'capacity-service';

@Injectable()
export class OccupancyProjectionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: BatchConsumer<UnitOccupancyChangedEvent> | null = null;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ProjectionRepository) private readonly repository: ProjectionRepository,
    @Inject(SnapshotCache) private readonly cache: SnapshotCache,
    @Inject(Messaging) private readonly messaging: Messaging,
    @Inject(EventProducer) private readonly producer: EventProducer,
    @Inject(ProjectionListeners) private readonly listeners: ProjectionListeners,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new BatchConsumer(this.messaging, {
      groupId: CONSUMER_GROUP,
      topics: [TOPICS.institutionOccupancy],
      parse: (value) => unitOccupancyChanged.parse(value),
      handle: (messages) =>
        this.applyBatch(messages.map((m: ConsumedMessage<UnitOccupancyChangedEvent>) => m.value)),
      deadLetters: this.producer,
      // One transaction for all partitions a fetch returned, not one after the other (ADR 0090).
      mergePartitions: true,
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  async applyBatch(events: UnitOccupancyChangedEvent[]): Promise<void> {
    const snapshots = await this.dataSource.transaction(async (manager) => {
      await this.repository.appendHistory(manager, events);
      const unitIds = [...new Set(events.map((e) => e.subject))];
      const current = await this.repository.lockStates(manager, unitIds);
      const projection = project(current, events);
      await this.repository.saveStates(manager, projection.states);
      const rows = await this.repository.applyDeltas(manager, projection.deltas);
      const changed = rows.map(toSnapshot);
      await enqueueOutbox(manager, changed.map(capacityChangedMessage));
      if (projection.applied.length > 0) {
        await this.listeners.run(manager, {
          events: projection.applied,
          before: current,
          after: projection.states,
          scopes: changed,
        });
      }
      if (projection.skipped.length > 0) {
        this.logger.debug({ skipped: projection.skipped.length }, 'duplicate or older events ignored');
      }
      return changed;
    });
    await this.cache.put(snapshots);
  }
}
