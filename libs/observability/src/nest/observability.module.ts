/** Logging, health, metrics and problem details for one service: `ObservabilityModule.forRoot({ service })`. */
import { Global, Inject, Module } from '@nestjs/common';
import type { DynamicModule, MiddlewareConsumer, NestModule, OnModuleInit } from '@nestjs/common';
import { APP_FILTER, HttpAdapterHost } from '@nestjs/core';
import type { Logger } from 'pino';
import { HealthRegistry } from '../health';
import { createLogger } from '../logger';
import { collectDefaultMetricsOnce } from '../metrics';
import { ProblemDetailsFilter } from '../problem-details.filter';
import { CorrelationIdMiddleware, HttpMetricsMiddleware, bodyParserErrorMiddleware } from './http.middleware';
import { ObservabilityController } from './observability.controller';
import type { ObservabilityOptions } from './observability.options';
import { LOGGER, OBSERVABILITY_OPTIONS } from './tokens';

@Global()
@Module({})
export class ObservabilityModule implements NestModule, OnModuleInit {
  constructor(
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [ObservabilityController],
      providers: [
        { provide: OBSERVABILITY_OPTIONS, useValue: options },
        { provide: LOGGER, useFactory: () => options.logger ?? createLogger(options.service) },
        HealthRegistry,
        {
          provide: APP_FILTER,
          useFactory: (logger: Logger) =>
            new ProblemDetailsFilter(logger, { translateError: options.translateError }),
          inject: [LOGGER],
        },
      ],
      exports: [HealthRegistry, LOGGER],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationIdMiddleware, HttpMetricsMiddleware).forRoutes('*');
  }

  onModuleInit(): void {
    collectDefaultMetricsOnce(this.options.service);
    // Routes are mounted by now and Nest's own error handler not yet, so this runs before it.
    this.adapterHost.httpAdapter?.use(bodyParserErrorMiddleware);
  }
}
