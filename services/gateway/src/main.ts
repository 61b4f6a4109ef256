import 'reflect-metadata';
import type { Server } from 'node:http';
import { createService, serveOpenApi } from '@plass/observability';
import { AppModule, logger, SERVICE_NAME } from './app.module';
import { loadConfig } from './config';
import { hidePublicMetrics, portOf, startMetricsServer } from './metrics/metrics-server';
import { GATEWAY_OPEN_API } from './openapi';
import { apiProxies, routeTable } from './proxy/api-proxy';
import { proxyMetrics } from './proxy/proxy-metrics';
import { applySecurity } from './security/security';

async function main(): Promise<void> {
  const config = loadConfig();
  // No body parser: request bodies stream through to the services untouched.
  const app = await createService(AppModule.forRoot(config), {
    name: SERVICE_NAME,
    port: config.port,
    logger,
    bodyParser: false,
    // The services continue each request's trace as a child of the gateway's span (ADR 0153).
    forwardTraceContext: true,
  });
  // The proxied requests' rate, errors and duration, refusals by the security checks included (ADR 0140).
  app.use(proxyMetrics(routeTable(config).map((route) => route.prefix)));
  // Metrics only on the internal listener (ADR 0117).
  app.use(hidePublicMetrics());
  applySecurity(app);
  // After the security headers and limits, which apply to the document's page as to every route.
  serveOpenApi(app, GATEWAY_OPEN_API);
  for (const proxy of apiProxies(config)) app.use(proxy);
  const host = process.env.HOST ?? '127.0.0.1';
  const metrics = await startMetricsServer(config.metricsPort, config.metricsHost);
  (app.getHttpServer() as Server).once('close', () => metrics.close());
  await app.listen(config.port, host);
  logger.info(
    { port: config.port, host, metricsPort: portOf(metrics), metricsHost: config.metricsHost },
    `${SERVICE_NAME} listening`,
  );
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, `${SERVICE_NAME} failed to start`);
  process.exit(1);
});
