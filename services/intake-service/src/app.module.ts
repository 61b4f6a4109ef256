import { Module, type DynamicModule } from '@nestjs/common';
import { createLogger } from '@plass/observability';
import { IdempotencyService } from '@plass/persistence';
import { ServiceInfraModule } from '@plass/service-kit';
import { INTAKE_CONFIG, type IntakeConfig } from './config';
import { intakeProblem } from './intake-problem';
import { Initial1765100000000 } from './migrations/1765100000000-initial';
import { ReferralController } from './referral/referral.controller';
import { ReferralEntity } from './referral/referral.entity';
import { ReferralRepository } from './referral/referral.repository';
import { ReferralService } from './referral/referral.service';

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
            entities: [ReferralEntity],
            migrations: [Initial1765100000000],
          },
          outboxPollMs: config.outboxPollMs,
        }),
      ],
      controllers: [ReferralController],
      providers: [
        { provide: INTAKE_CONFIG, useValue: config },
        IdempotencyService,
        ReferralRepository,
        ReferralService,
      ],
    };
  }
}
