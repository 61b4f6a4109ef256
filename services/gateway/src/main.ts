import 'reflect-metadata';
import { createService } from '@plass/observability';
import { AppModule, config, logger, SERVICE_NAME } from './app.module';
import { apiProxies } from './proxy/api-proxy';
import { applySecurity } from './security/security';

async function main(): Promise<void> {
  // No body parser: request bodies stream through to the services untouched.
  const app = await createService(AppModule, {
    name: SERVICE_NAME,
    port: config.port,
    logger,
    bodyParser: false,
  });
  applySecurity(app);
  for (const proxy of apiProxies(config)) app.use(proxy);
  const host = process.env.HOST ?? '127.0.0.1';
  await app.listen(config.port, host);
  logger.info({ port: config.port, host }, `${SERVICE_NAME} listening`);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, `${SERVICE_NAME} failed to start`);
  process.exit(1);
});
