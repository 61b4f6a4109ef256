/**
 * The infrastructure every backend service boots with, in one import: logs, health and metrics with
 * problem details (observability), bearer tokens (auth), its own migrated database (persistence), Kafka
 * with the service's topics checked (messaging; the service name is its Kafka principal), and the outbox
 * relay. Readiness reports PostgreSQL and any Kafka consumer that has stalled.
 */
import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { AuthModule } from '@plass/auth';
import {
  assertConsumersProgressing,
  Messaging,
  MessagingModule,
  OutboxModule,
  topicsOf,
} from '@plass/messaging';
import { HealthRegistry, ObservabilityModule, type ProblemTranslator } from '@plass/observability';
import { DatabaseModule, databaseUrl, type DatabaseOptions } from '@plass/persistence';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';

const SERVICE_NAME = Symbol('SERVICE_NAME');

export interface ServiceInfraOptions {
  /** The service's name: in every log line, metric label and Kafka client id. */
  name: string;
  logger: Logger;
  /** Turns the service's domain errors into problem details. */
  translateError?: ProblemTranslator;
  database: DatabaseOptions;
  /** The outbox relay's polling fallback when no NOTIFY arrives. */
  outboxPollMs?: number;
}

/**
 * Checks that the service's topics exist before the app serves (the provisioning step creates them), and
 * reports the database in `GET /health/ready`.
 */
class Readiness implements OnModuleInit {
  constructor(
    @Inject(SERVICE_NAME) private readonly name: string,
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Messaging) private readonly messaging: Messaging,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.messaging.requireTopics(topicsOf(this.name));
    this.health.register('postgres', async () => {
      await this.dataSource.query('SELECT 1');
    });
    // A consumer with lag that has made no progress for CONSUMER_STALL_LIMIT_MS (ADR 0105); no broker call.
    this.health.register('consumers', () => Promise.resolve(assertConsumersProgressing(this.messaging)));
  }
}

@Module({})
export class ServiceInfraModule {
  static forRoot(options: ServiceInfraOptions): DynamicModule {
    const { name, logger, translateError, database, outboxPollMs } = options;
    return {
      module: ServiceInfraModule,
      imports: [
        ObservabilityModule.forRoot({ service: name, logger, translateError }),
        AuthModule.forRoot(),
        DatabaseModule.forRoot(database),
        MessagingModule.forRoot({ clientId: name, logger }),
        OutboxModule.forRoot({
          listenUrl: databaseUrl(database.serverUrl, database.database),
          pollIntervalMs: outboxPollMs,
          logger,
        }),
      ],
      providers: [{ provide: SERVICE_NAME, useValue: name }, Readiness],
    };
  }
}
