import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { AuthModule, isProduction } from '@plass/auth';
import { assertConsumersProgressing, Messaging, MessagingModule, topicsOf } from '@plass/messaging';
import { createLogger, HealthRegistry, ObservabilityModule } from '@plass/observability';
import { AsyncApiController } from './asyncapi/asyncapi.controller';
import { AuditLogModule } from './audit/audit-log.module';
import { AuthConfigModule } from './auth-config/auth-config.module';
import { GATEWAY_CONFIG, type GatewayConfig } from './config';
import { AlertFeed } from './live/alert-feed';
import { CapacityFeed } from './live/capacity-feed';
import { LiveServer } from './live/live.server';
import { ReferralFeed } from './live/referral-feed';
import { SnapshotClient } from './live/snapshot.client';
import { DevLoginModule } from './dev-login/dev-login.module';
import { WebController } from './web/web.controller';
import { WebModule } from './web/web.module';

export const SERVICE_NAME = 'gateway';
export const logger = createLogger(SERVICE_NAME);

class Topics implements OnModuleInit {
  constructor(
    @Inject(Messaging) private readonly messaging: Messaging,
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    // Created by the provisioning step, not here: the gateway may only read (ADR 0100).
    await this.messaging.requireTopics(topicsOf(SERVICE_NAME));
    // The live feeds' consumers: not ready when one has lag and made no progress (ADR 0105).
    this.health.register('consumers', () => Promise.resolve(assertConsumersProgressing(this.messaging)));
  }
}

/** The service for a configuration loaded at boot (main.ts): importing this file reads no environment. */
@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot({ service: SERVICE_NAME, logger }),
        AuthModule.forRoot(),
        MessagingModule.forRoot({ clientId: `${SERVICE_NAME}-${config.instanceId}`, logger }),
        WebModule,
        AuditLogModule.forRoot(config),
        // How the dashboard signs in (GET /api/auth/config); OIDC_AUTHORITY is checked here, at boot.
        AuthConfigModule.forRoot(),
        // Development sign-in (POST /api/dev/token) does not exist in production.
        ...(isProduction() ? [] : [DevLoginModule]),
      ],
      controllers: [WebController, AsyncApiController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        Topics,
        SnapshotClient,
        LiveServer,
        CapacityFeed,
        AlertFeed,
        ReferralFeed,
      ],
    };
  }
}
