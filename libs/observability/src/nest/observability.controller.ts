/** `GET /health/live`, `GET /health/ready` and `GET /metrics`, open without a token. */
import {
  Controller,
  Get,
  Header,
  Inject,
  Res,
  SetMetadata,
  VERSION_NEUTRAL,
  applyDecorators,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthRegistry } from '../health';
import type { ReadinessReport } from '../health';
import { metricsRegistry } from '../metrics';
import { OBSERVABILITY_OPTIONS, PUBLIC_ROUTE_KEYS } from './tokens';
import type { ObservabilityOptions } from './observability.options';

export interface LivenessReport {
  status: 'ok';
  service: string;
  uptimeSeconds: number;
}

@applyDecorators(...PUBLIC_ROUTE_KEYS.map((key) => SetMetadata(key, true)))
// Operations, not the API: probes and Prometheus call them on each process, never through the gateway.
@ApiExcludeController()
@Controller({ version: VERSION_NEUTRAL })
export class ObservabilityController {
  constructor(
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions,
    private readonly health: HealthRegistry,
  ) {}

  @Get('health/live')
  @Header('cache-control', 'no-store')
  live(): LivenessReport {
    return { status: 'ok', service: this.options.service, uptimeSeconds: Math.floor(process.uptime()) };
  }

  @Get('health/ready')
  @Header('cache-control', 'no-store')
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const report = await this.health.run(this.options.readinessTimeoutMs);
    response.status(report.status === 'ok' ? 200 : 503);
    return report;
  }

  @Get('metrics')
  async metrics(@Res() response: Response): Promise<void> {
    const text = await metricsRegistry.metrics();
    // Written directly: express's send() would reorder the content type's parameters.
    response.setHeader('content-type', metricsRegistry.contentType);
    response.end(text);
  }
}
