/** Logging, health, metrics and problem details for one service: `ObservabilityModule.forRoot({ service })`. */
import { Global, Inject, Module } from '@nestjs/common';
import type {
  DynamicModule,
  MiddlewareConsumer,
  NestModule,
  OnApplicationShutdown,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { APP_FILTER, HttpAdapterHost } from '@nestjs/core';
import type { Logger } from 'pino';
import { HealthRegistry, READINESS_TIMEOUT_MS } from '../health';
import { createLogger } from '../logger';
import { currentTracing } from '../tracing/tracing';
import { collectDefaultMetricsOnce, scrapedGauge } from '../metrics';
import { ProblemDetailsFilter } from '../problem-details.filter';
import { CorrelationIdMiddleware, HttpMetricsMiddleware, bodyParserErrorMiddleware } from './http.middleware';
import { ObservabilityController } from './observability.controller';
import type { ObservabilityOptions } from './observability.options';
import { LOGGER, OBSERVABILITY_OPTIONS } from './tokens';

@Global()
@Module({})
export class ObservabilityModule implements NestModule, OnModuleInit, OnModuleDestroy, OnApplicationShutdown {
  private removeReadiness: (() => void) | null = null;

  constructor(
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions,
    private readonly adapterHost: HttpAdapterHost,
    private readonly health: HealthRegistry,
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
    // The readiness checks at every scrape, so Prometheus can alert on a service that is up but not ready.
    const timeoutMs = this.options.readinessTimeoutMs ?? READINESS_TIMEOUT_MS;
    this.removeReadiness = scrapedGauge(
      'plass_readiness_check_ok',
      'Whether a readiness check of GET /health/ready passes (1) or fails (0), run at scrape time',
      ['check'],
      timeoutMs + 500,
    ).add(async () => {
      const report = await this.health.run(timeoutMs);
      return Object.entries(report.checks).map(([check, result]) => ({
        labels: { check },
        value: result === 'ok' ? 1 : 0,
      }));
    });
    // Routes are mounted by now and Nest's own error handler not yet, so this runs before it.
    this.adapterHost.httpAdapter?.use(bodyParserErrorMiddleware);
  }

  onModuleDestroy(): void {
    this.removeReadiness?.();
  }

  /** The spans still queued for export leave before the process does (nothing to do without an endpoint). */
  async onApplicationShutdown(): Promise<void> {
    await currentTracing()
      ?.flush()
      .catch(() => undefined);
  }
}
