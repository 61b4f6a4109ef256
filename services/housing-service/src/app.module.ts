import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { AuthModule } from '@plass/auth';
import { Messaging, MessagingModule, OutboxModule, STANDARD_TOPICS } from '@plass/messaging';
import { HealthRegistry, ObservabilityModule, createLogger } from '@plass/observability';
import { DatabaseModule, databaseUrl } from '@plass/persistence';
import { DataSource } from 'typeorm';
import { HOUSING_CONFIG, loadConfig } from './config';
import { housingProblem } from './housing-problem';
import { HousingNeedController } from './housing-need/housing-need.controller';
import { HousingNeedEntity } from './housing-need/housing-need.entity';
import { HousingNeedRepository } from './housing-need/housing-need.repository';
import { HousingNeedService } from './housing-need/housing-need.service';
import { HousingUnitController } from './housing-unit/housing-unit.controller';
import { HousingUnitEntity } from './housing-unit/housing-unit.entity';
import { HousingUnitRepository } from './housing-unit/housing-unit.repository';
import { HousingUnitService } from './housing-unit/housing-unit.service';
import { ReservationExpiryScheduler } from './housing-unit/reservation-expiry.scheduler';
import { IdempotencyService } from '@plass/persistence';
import { Initial1763910000000 } from './migrations/1763910000000-initial';

export const SERVICE_NAME = 'housing-service';
const config = loadConfig();
export const logger = createLogger(SERVICE_NAME);

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
    ObservabilityModule.forRoot({ service: SERVICE_NAME, logger, translateError: housingProblem }),
    AuthModule.forRoot(),
    DatabaseModule.forRoot({
      serverUrl: config.databaseUrl,
      database: config.database,
      entities: [HousingUnitEntity, HousingNeedEntity],
      migrations: [Initial1763910000000],
    }),
    MessagingModule.forRoot({ clientId: SERVICE_NAME, logger }),
    OutboxModule.forRoot({
      listenUrl: databaseUrl(config.databaseUrl, config.database),
      pollIntervalMs: config.outboxPollMs,
      logger,
    }),
  ],
  controllers: [HousingUnitController, HousingNeedController],
  providers: [
    { provide: HOUSING_CONFIG, useValue: config },
    Readiness,
    IdempotencyService,
    HousingUnitRepository,
    ReservationExpiryScheduler,
    HousingUnitService,
    HousingNeedRepository,
    HousingNeedService,
  ],
})
export class AppModule {}
