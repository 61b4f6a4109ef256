import 'reflect-metadata';
import { runService } from '@plass/observability';
import { AppModule, logger, SERVICE_NAME } from './app.module';
import { loadConfig } from './config';
import { INTAKE_OPEN_API } from './openapi';

const config = loadConfig();

void runService(AppModule.forRoot(config), {
  name: SERVICE_NAME,
  port: config.port,
  logger,
  openApi: INTAKE_OPEN_API,
});
