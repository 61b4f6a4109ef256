import { Module, type DynamicModule } from '@nestjs/common';
import { createLogger } from '@plass/observability';
import { AuditModule, ServiceInfraModule } from '@plass/service-kit';
import { HOUSING_CONFIG, type HousingConfig } from './config';
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
import { IdempotencyFingerprint1764800000000 } from './migrations/1764800000000-idempotency-fingerprint';
import { AuditEntry1767500100000 } from './migrations/1767500100000-audit-entry';

export const SERVICE_NAME = 'housing-service';
export const logger = createLogger(SERVICE_NAME);

/** The service for a configuration loaded at boot (main.ts): importing this file reads no environment. */
@Module({})
export class AppModule {
  static forRoot(config: HousingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceInfraModule.forRoot({
          name: SERVICE_NAME,
          logger,
          translateError: housingProblem,
          database: {
            serverUrl: config.databaseUrl,
            database: config.database,
            entities: [HousingUnitEntity, HousingNeedEntity],
            migrations: [Initial1763910000000, IdempotencyFingerprint1764800000000, AuditEntry1767500100000],
          },
          outboxPollMs: config.outboxPollMs,
        }),
        AuditModule.forRoot(),
      ],
      controllers: [HousingUnitController, HousingNeedController],
      providers: [
        { provide: HOUSING_CONFIG, useValue: config },
        IdempotencyService,
        HousingUnitRepository,
        ReservationExpiryScheduler,
        HousingUnitService,
        HousingNeedRepository,
        HousingNeedService,
      ],
    };
  }
}
