import { Module, type DynamicModule } from '@nestjs/common';
import { createLogger } from '@plass/observability';
import { IdempotencyService } from '@plass/persistence';
import { AuditModule, ServiceInfraModule } from '@plass/service-kit';
import { INTAKE_CONFIG, type IntakeConfig } from './config';
import { intakeProblem } from './intake-problem';
import { Initial1765100000000 } from './migrations/1765100000000-initial';
import { Offers1765500000000 } from './migrations/1765500000000-offers';
import { AuditEntry1767500200000 } from './migrations/1767500200000-audit-entry';
import { OfferExpiryScheduler } from './offers/offer-expiry.scheduler';
import { OffersController } from './offers/offers.controller';
import { OffersService } from './offers/offers.service';
import { Purchases1767600300000 } from './migrations/1767600300000-purchases';
import { PurchaseEntity } from './purchases/purchase.entity';
import { PurchaseRepository } from './purchases/purchase.repository';
import { PurchasesController } from './purchases/purchases.controller';
import { PurchasesService } from './purchases/purchases.service';
import { ReservationsConsumer } from './offers/reservations.consumer';
import { ReferralController } from './referral/referral.controller';
import { ReferralEntity } from './referral/referral.entity';
import { ReferralRepository } from './referral/referral.repository';
import { ReferralService } from './referral/referral.service';
import { UnitPlaceRepository } from './units/unit-place.repository';
import { UnitsConsumer } from './units/units.consumer';

export const SERVICE_NAME = 'intake-service';
export const logger = createLogger(SERVICE_NAME);

/** The service for a configuration loaded at boot (main.ts): importing this file reads no environment. */
@Module({})
export class AppModule {
  static forRoot(config: IntakeConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceInfraModule.forRoot({
          name: SERVICE_NAME,
          logger,
          translateError: intakeProblem,
          database: {
            serverUrl: config.databaseUrl,
            database: config.database,
            entities: [ReferralEntity, PurchaseEntity],
            migrations: [
              Initial1765100000000,
              Offers1765500000000,
              AuditEntry1767500200000,
              Purchases1767600300000,
            ],
          },
          outboxPollMs: config.outboxPollMs,
        }),
        AuditModule.forRoot(),
      ],
      controllers: [ReferralController, OffersController, PurchasesController],
      providers: [
        { provide: INTAKE_CONFIG, useValue: config },
        IdempotencyService,
        ReferralRepository,
        ReferralService,
        UnitPlaceRepository,
        OffersService,
        UnitsConsumer,
        ReservationsConsumer,
        OfferExpiryScheduler,
        PurchaseRepository,
        PurchasesService,
      ],
    };
  }
}
