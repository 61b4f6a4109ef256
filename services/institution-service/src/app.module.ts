import { Module, type DynamicModule } from '@nestjs/common';
import { createLogger } from '@plass/observability';
import { AuditModule, ServiceInfraModule } from '@plass/service-kit';
import { BlockEntity } from './blocks/block.entity';
import { BlockRepository } from './blocks/block.repository';
import { BlocksController } from './blocks/blocks.controller';
import { BlocksService } from './blocks/blocks.service';
import { INSTITUTION_CONFIG, type InstitutionConfig } from './config';
import { ExpiryScheduler } from './expiry/expiry.scheduler';
import { IdempotencyService } from '@plass/persistence';
import { ImportModule } from './import/import.module';
import { institutionProblem } from './institution-problem';
import { Initial1763900000000 } from './migrations/1763900000000-initial';
import { BlocksReservations1764000000000 } from './migrations/1764000000000-blocks-reservations';
import { IdempotencyFingerprint1764800000000 } from './migrations/1764800000000-idempotency-fingerprint';
import { UnitFeatures1765400000000 } from './migrations/1765400000000-unit-features';
import { OfferRefusals1765500000000 } from './migrations/1765500000000-offer-refusals';
import { UniqueNames1767300000000 } from './migrations/1767300000000-unique-names';
import { AuditEntry1767500000000 } from './migrations/1767500000000-audit-entry';
import { UnitOpenedAt1767600000000 } from './migrations/1767600000000-unit-opened-at';
import { ImportJob1767600200000 } from './migrations/1767600200000-import-job';
import { OfferRefusalRepository } from './offers/offer-refusal.repository';
import { OfferReservationsConsumer } from './offers/offer-reservations.consumer';
import { OccupancyController } from './occupancy/occupancy.controller';
import { OccupancyService } from './occupancy/occupancy.service';
import { StayEntity } from './occupancy/stay.entity';
import { StayRepository } from './occupancy/stay.repository';
import { InstitutionEntity } from './registry/institution.entity';
import { RegistryController } from './registry/registry.controller';
import { RegistryRepository } from './registry/registry.repository';
import { RegistryService } from './registry/registry.service';
import { ReservationEntity } from './reservations/reservation.entity';
import { ReservationRepository } from './reservations/reservation.repository';
import { ReservationsController } from './reservations/reservations.controller';
import { ReservationsService } from './reservations/reservations.service';
import { CapacityChangeEntity } from './unit-counts/capacity-change.entity';
import { UnitCountsController } from './unit-counts/unit-counts.controller';
import { UnitCountsService } from './unit-counts/unit-counts.service';
import { UnitEntity, UnitModule } from './unit';

export const SERVICE_NAME = 'institution-service';
export const logger = createLogger(SERVICE_NAME);

/** The service for a configuration loaded at boot (main.ts): importing this file reads no environment. */
@Module({})
export class AppModule {
  static forRoot(config: InstitutionConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceInfraModule.forRoot({
          name: SERVICE_NAME,
          logger,
          translateError: institutionProblem,
          database: {
            serverUrl: config.databaseUrl,
            database: config.database,
            entities: [
              InstitutionEntity,
              UnitEntity,
              StayEntity,
              BlockEntity,
              ReservationEntity,
              CapacityChangeEntity,
            ],
            migrations: [
              Initial1763900000000,
              BlocksReservations1764000000000,
              IdempotencyFingerprint1764800000000,
              UnitFeatures1765400000000,
              OfferRefusals1765500000000,
              UniqueNames1767300000000,
              AuditEntry1767500000000,
              UnitOpenedAt1767600000000,
              ImportJob1767600200000,
            ],
          },
          outboxPollMs: config.outboxPollMs,
        }),
        AuditModule.forRoot(),
        UnitModule,
        ImportModule,
      ],
      controllers: [
        RegistryController,
        OccupancyController,
        BlocksController,
        ReservationsController,
        UnitCountsController,
      ],
      providers: [
        { provide: INSTITUTION_CONFIG, useValue: config },
        IdempotencyService,
        RegistryRepository,
        RegistryService,
        StayRepository,
        OccupancyService,
        BlockRepository,
        BlocksService,
        ReservationRepository,
        ReservationsService,
        UnitCountsService,
        ExpiryScheduler,
        OfferRefusalRepository,
        OfferReservationsConsumer,
      ],
    };
  }
}
