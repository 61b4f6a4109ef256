import 'reflect-metadata';
import { runService } from '@plass/observability';
import { AppModule } from './app.module';
import { loadConfig } from './config';
import { CAPACITY_OPEN_API } from './openapi';
import { logger, SERVICE_NAME } from './logger';

const config = loadConfig();

void runService(AppModule.forRoot(config), {
  name: SERVICE_NAME,
  port: config.port,
  logger,
  openApi: CAPACITY_OPEN_API,
});
