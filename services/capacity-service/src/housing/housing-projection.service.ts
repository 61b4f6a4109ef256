/**
 * Consumes housing.availability.v1 into the housing read model, one transaction per batch: applies
 * dwellings' and districts' events by sequence, counts each changed district's supply against its need,
 * queues one `housing.changed` per district and evaluates HOUSING_SHORTAGE, all before the offsets
 * are committed (docs/decisions/0040).
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TOPICS } from '@plass/contracts';
import { BatchConsumer, enqueueOutbox, EventProducer, Messaging } from '@plass/messaging';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { housingShortage } from '../alerts/alert-evaluation';
import { AlertEngine } from '../alerts/alert-engine.service';
import { bindTrace, type TraceCarrier } from '@plass/observability';
import { LOGGER } from '../logger';
import { housingChangedMessage } from './housing-message';
import {
  emptyByType,
  housingChangedData,
  isNeedEvent,
  parseHousingEvent,
  projectHousing,
  supplyByDistrict,
  type HousingEvent,
} from './housing-projection';
import { HousingRepository } from './housing.repository';

export const HOUSING_CONSUMER_GROUP = 'capacity-service.housing';

@Injectable()
export class HousingProjectionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: BatchConsumer<HousingEvent> | null = null;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(HousingRepository) private readonly repository: HousingRepository,
    @Inject(AlertEngine) private readonly alerts: AlertEngine,
    @Inject(Messaging) private readonly messaging: Messaging,
    @Inject(EventProducer) private readonly producer: EventProducer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new BatchConsumer(this.messaging, {
      groupId: HOUSING_CONSUMER_GROUP,
      topics: [TOPICS.housingAvailability],
      parse: parseHousingEvent,
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
  async applyBatch(events: HousingEvent[], trace?: TraceCarrier): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      bindTrace(manager, trace);
      const unitIds = [...new Set(events.filter((e) => !isNeedEvent(e)).map((e) => e.subject))];
      const needDistricts = [...new Set(events.filter(isNeedEvent).map((e) => e.data.districtCode))];
      const units = await this.repository.lockUnits(manager, unitIds);
      const needSequences = await this.repository.lockNeedSequences(manager, needDistricts);
      const projection = projectHousing(units, needSequences, events);
      if (projection.skipped.length > 0) {
        this.logger.debug(
          { skipped: projection.skipped.length },
          'duplicate or older housing events ignored',
        );
      }
      if (projection.districts.length === 0) return;
      await this.repository.saveUnits(manager, projection.units);
      await this.repository.saveNeeds(manager, projection.needs);
      // Versions first: their row locks make a concurrent batch of the same district count after this one.
      const versions = await this.repository.bumpVersions(manager, projection.districts);
      const { statusCounts, needCounts } = await this.repository.counts(manager, projection.districts);
      const supply = supplyByDistrict(statusCounts, needCounts);
      const changed = projection.districts.map((district) => {
        const version = versions.get(district);
        if (!version) throw new Error(`no version was bumped for district ${district}`);
        return housingChangedData(
          district,
          supply.get(district) ?? emptyByType(),
          version.version,
          version.updatedAt,
        );
      });
      await enqueueOutbox(manager, changed.map(housingChangedMessage));
      await this.alerts.apply(
        manager,
        changed.map((d) => housingShortage(d.districtCode, d.byType)),
        new Date(),
      );
    });
  }
}
