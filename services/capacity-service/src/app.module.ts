import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { AuthModule } from '@plass/auth';
import { Messaging, MessagingModule, OutboxModule, STANDARD_TOPICS } from '@plass/messaging';
import { HealthRegistry, ObservabilityModule } from '@plass/observability';
import { DatabaseModule, databaseUrl } from '@plass/persistence';
import { DataSource } from 'typeorm';
import { CAPACITY_CONFIG, loadConfig } from './config';
import { logger, SERVICE_NAME } from './logger';
import { Initial1763900000000 } from './migrations/1763900000000-initial';
import { Stays1763910000000 } from './migrations/1763910000000-stays';
import { OccupancyProjectionService } from './projection/occupancy-projection.service';
import { ProjectionListeners } from './projection/projection-listeners';
import { ProjectionRepository } from './projection/projection.repository';
import { CapacityReadService } from './read-model/capacity-read.service';
import { CapacityController } from './read-model/capacity.controller';
import { SnapshotCache } from './snapshot/snapshot.cache';
import { StaysListener } from './stays/stays.listener';

const config = loadConfig();

class Readiness implements OnModuleInit {
  constructor(
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Messaging) private readonly messaging: Messaging,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.messaging.ensureTopics(STANDARD_TOPICS);
    this.health.register('postgres', async () => {
      await this.dataSource.query('SELECT 1');
    });
  }
}

@Module({
  imports: [
    ObservabilityModule.forRoot({ service: SERVICE_NAME, logger }),
    AuthModule.forRoot(),
    DatabaseModule.forRoot({
      serverUrl: config.databaseUrl,
      database: config.database,
      entities: [],
      migrations: [Initial1763900000000, Stays1763910000000],
    }),
    MessagingModule.forRoot({ clientId: SERVICE_NAME, logger }),
    OutboxModule.forRoot({
      listenUrl: databaseUrl(config.databaseUrl, config.database),
      pollIntervalMs: config.outboxPollMs,
      logger,
    }),
  ],
  controllers: [CapacityController],
  providers: [
    { provide: CAPACITY_CONFIG, useValue: config },
    Readiness,
    ProjectionRepository,
    ProjectionListeners,
    SnapshotCache,
    CapacityReadService,
    OccupancyProjectionService,
    StaysListener,
  ],
})
export class AppModule {}
