import { Controller, Get, Injectable, Module, Param } from '@nestjs/common';
import type { CanActivate, ExecutionContext, OnModuleInit } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY } from '@plass/auth';
import { HealthRegistry } from '../health';
import { metricsRegistry } from '../metrics';
import { ObservabilityController } from './observability.controller';
import { ObservabilityModule } from './observability.module';
import { startApp } from './test-app';
import type { TestApp } from './test-app';

const database = { up: true };

@Injectable()
class DatabaseProbe implements OnModuleInit {
  constructor(private readonly health: HealthRegistry) {}

  onModuleInit(): void {
    this.health.register('database', () =>
      database.up ? Promise.resolve() : Promise.reject(new Error('connection refused')),
    );
  }
}

/** Like @plass/auth's JwtAuthGuard without a token: only handlers marked public pass. */
@Injectable()
class DenyUnlessPublicGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    return (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]) ===
      true
    );
  }
}

@Controller('units')
class UnitsController {
  @Get(':unitId')
  unit(@Param('unitId') unitId: string): { unitId: string } {
    return { unitId };
  }
}

@Module({
  imports: [ObservabilityModule.forRoot({ service: 'test-service' })],
  controllers: [UnitsController],
  providers: [DatabaseProbe],
})
class TestModule {}

@Module({
  imports: [TestModule],
  providers: [{ provide: APP_GUARD, useClass: DenyUnlessPublicGuard }],
})
class GuardedModule {}

describe(ObservabilityModule.name, () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp(TestModule);
  });

  afterAll(async () => {
    await app.close();
  });

  beforeEach(() => {
    database.up = true;
  });

  it('answers live with the service name and its uptime', async () => {
    const response = await fetch(`${app.url}/health/live`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({ status: 'ok', service: 'test-service', uptimeSeconds: expect.any(Number) });
  });

  it('answers ready when every registered check passes', async () => {
    const response = await fetch(`${app.url}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', checks: { database: 'ok' } });
  });

  it('answers 503 with the failing check when a check fails', async () => {
    database.up = false;
    const response = await fetch(`${app.url}/health/ready`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'unavailable',
      checks: { database: 'error: connection refused' },
    });
  });

  it('serves the Prometheus text format with request durations by route pattern', async () => {
    await fetch(`${app.url}/units/3f1c2a4e`);
    const response = await fetch(`${app.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(metricsRegistry.contentType);
    const text = await response.text();
    expect(text).toContain('# TYPE plass_http_request_duration_seconds histogram');
    expect(text).toMatch(
      /^plass_http_request_duration_seconds_count\{method="GET",route="\/units\/:unitId",status="200"\} 1$/m,
    );
    expect(text).not.toContain('3f1c2a4e');
    expect(text).toMatch(/^plass_process_cpu_user_seconds_total\{service="test-service"\} /m);
  });

  it('shows each readiness check as 1 when it passes and 0 when it fails', async () => {
    expect(await (await fetch(`${app.url}/metrics`)).text()).toMatch(
      /^plass_readiness_check_ok\{check="database"\} 1$/m,
    );
    database.up = false;
    expect(await (await fetch(`${app.url}/metrics`)).text()).toMatch(
      /^plass_readiness_check_ok\{check="database"\} 0$/m,
    );
  });

  it('labels a request that matched no route as unmatched', async () => {
    await fetch(`${app.url}/no/such/path`);
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(text).toMatch(
      /plass_http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} 1/,
    );
  });

  it('sets a correlation id header on successful responses too', async () => {
    const response = await fetch(`${app.url}/units/u1`, { headers: { 'x-correlation-id': 'req-42' } });
    expect(response.headers.get('x-correlation-id')).toBe('req-42');
  });

  it('keeps health and metrics open behind a global auth guard', async () => {
    const guarded = await startApp(GuardedModule);
    try {
      expect((await fetch(`${guarded.url}/units/u1`)).status).toBe(403);
      expect((await fetch(`${guarded.url}/health/live`)).status).toBe(200);
      expect((await fetch(`${guarded.url}/health/ready`)).status).toBe(200);
      expect((await fetch(`${guarded.url}/metrics`)).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('marks its controller public under the plain isPublic key as well', () => {
    expect(Reflect.getMetadata('isPublic', ObservabilityController)).toBe(true);
  });
});
