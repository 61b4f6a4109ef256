/**
 * Consumes institution.occupancy.v1 and keeps the read model. Each batch is one pipeline, in this order:
 * 1. read model (one transaction): the events appended to the event history, applied by sequence to
 *    `unit_state`, the totals' deltas added and `capacity.changed` queued in the outbox;
 * 2. in the same transaction, the listeners of `PROJECTION_LISTENERS` in their listed order
 *    (history → stays → alerts, wired in app.module);
 * 3. after the commit, the snapshot cache.
 * Offsets are committed by the consumer runner only after that transaction committed.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TOPICS, unitOccupancyChanged, type UnitOccupancyChangedEvent } from '@plass/contracts';
import { BatchConsumer, enqueueOutbox, EventProducer, Messaging } from '@plass/messaging';
import { bindTrace, type TraceCarrier } from '@plass/observability';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { LOGGER } from '../logger';
import { capacityChangedMessage, toSnapshot } from '../read-model/scope-snapshot';
import { SnapshotCache } from '../snapshot/snapshot.cache';
import { project } from './project';
import { PROJECTION_LISTENERS, type ProjectionListener } from './projection-listeners';
import { ProjectionRepository } from './projection.repository';
import { scopeTraces } from './scope-traces';

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
    @Inject(PROJECTION_LISTENERS) private readonly listeners: readonly ProjectionListener[],
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new BatchConsumer(this.messaging, {
      groupId: CONSUMER_GROUP,
      topics: [TOPICS.institutionOccupancy],
      parse: (value) => unitOccupancyChanged.parse(value),
      handle: (messages, batch) =>
        this.applyBatch(
          messages.map((m) => m.value),
          messages.map((m) => m.trace),
          batch.trace,
        ),
      deadLetters: this.producer,
      // One transaction for all partitions a fetch returned, not one after the other (ADR 0090).
      mergePartitions: true,
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  /**
   * `traces[i]` is the trace context `events[i]` arrived with, `trace` the headers of the consumer's span of
   * the batch: what the transaction writes continues it; a batch that mixes traces gives each scope's change
   * the trace of the event that caused it.
   */
  async applyBatch(
    events: UnitOccupancyChangedEvent[],
    traces: readonly (TraceCarrier | undefined)[] = [],
    trace?: TraceCarrier,
  ): Promise<void> {
    const traceOf = scopeTraces(events, traces, trace);
    const snapshots = await this.dataSource.transaction(async (manager) => {
      bindTrace(manager, trace);
      await this.repository.appendHistory(manager, events);
      const unitIds = [...new Set(events.map((e) => e.subject))];
      const current = await this.repository.lockStates(manager, unitIds);
      const projection = project(current, events);
      await this.repository.saveStates(manager, projection.states);
      const rows = await this.repository.applyDeltas(manager, projection.deltas);
      const changed = rows.map(toSnapshot);
      await enqueueOutbox(
        manager,
        changed.map((scope) => capacityChangedMessage(scope, traceOf?.(scope.key))),
      );
      if (projection.applied.length > 0) {
        const batch = {
          events: projection.applied,
          before: current,
          after: projection.states,
          scopes: changed,
          traceOf,
        };
        for (const listener of this.listeners) await listener.onApplied(manager, batch);
      }
      if (projection.skipped.length > 0) {
        this.logger.debug({ skipped: projection.skipped.length }, 'duplicate or older events ignored');
      }
      return changed;
    });
    await this.cache.put(snapshots);
  }
}
