/** Runs the service's outbox relay for as long as the application lives. */
import {
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { silentLogger, type MessagingLogger } from '../core/config';
import { EventProducer } from '../core/producer';
import { OutboxRelay } from '../outbox/outbox.relay';

export interface OutboxModuleOptions {
  /** Connection string of the service's database, for the LISTEN connection. */
  listenUrl: string;
  pollIntervalMs?: number;
  logger?: MessagingLogger;
}

const OPTIONS = Symbol('OUTBOX_OPTIONS');

class OutboxRelayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(OutboxRelay) private readonly relay: OutboxRelay) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

@Module({})
export class OutboxModule {
  static forRoot(options: OutboxModuleOptions): DynamicModule {
    return {
      module: OutboxModule,
      providers: [
        { provide: OPTIONS, useValue: options },
        {
          provide: OutboxRelay,
          inject: [DataSource, EventProducer, OPTIONS],
          useFactory: (dataSource: DataSource, producer: EventProducer, o: OutboxModuleOptions) =>
            new OutboxRelay({
              dataSource,
              producer,
              listenUrl: o.listenUrl,
              pollIntervalMs: o.pollIntervalMs,
              logger: o.logger ?? silentLogger,
            }),
        },
        OutboxRelayLifecycle,
      ],
      exports: [OutboxRelay],
    };
  }
}
