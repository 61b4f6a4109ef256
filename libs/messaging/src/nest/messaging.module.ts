/** NestJS layer over the plain kafkajs core: one Messaging and one EventProducer per service. */
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { kafkaConfigFromEnv, silentLogger, type KafkaConfig, type MessagingLogger } from '../core/config';
import { Messaging } from '../core/kafka';
import { EventProducer } from '../core/producer';

export const MESSAGING_LOGGER = Symbol('MESSAGING_LOGGER');

export interface MessagingModuleOptions {
  clientId: string;
  config?: Partial<KafkaConfig>;
  logger?: MessagingLogger;
}

class ProducerShutdown implements OnApplicationShutdown {
  constructor(@Inject(EventProducer) private readonly producer: EventProducer) {}

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}

@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    const messaging = new Messaging(
      { ...kafkaConfigFromEnv(options.clientId), ...options.config },
      options.logger ?? silentLogger,
    );
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: Messaging, useValue: messaging },
        { provide: EventProducer, useFactory: () => new EventProducer(messaging) },
        ProducerShutdown,
      ],
      exports: [Messaging, EventProducer],
    };
  }
}
